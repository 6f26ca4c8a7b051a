using Indicators.Api.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;

namespace Indicators.Api.Pages;

/// <summary>How a page is answered: its component, its Content-Security-Policy and its Link headers, from one <see cref="PageMeta"/>.</summary>
internal static class PageResults
{
    public static RazorComponentResult Page<TComponent>(PageContext site, PageMeta meta, Dictionary<string, object?> parameters)
        where TComponent : Microsoft.AspNetCore.Components.IComponent
    {
        var headers = site.Http.Response.Headers;
        headers.ContentSecurityPolicy = PageAssets.ContentSecurityPolicy(
            meta.PageStyle is null ? [] : [meta.PageStyle], meta.HasCopyButtons ? PageAssets.Script : null);
        headers.Append(HeaderNames.Link, LinkHeader(meta));
        parameters["Site"] = site;
        parameters["Meta"] = meta;
        return new RazorComponentResult<TComponent>(parameters) { ContentType = "text/html; charset=utf-8" };
    }

    /// <summary>The head's canonical and alternate links, as a Link header (RFC 8288) for clients that read no HTML.</summary>
    public static string LinkHeader(PageMeta meta) => string.Join(", ",
        meta.Alternates.Select(a => $"<{a.Href}>; rel=\"alternate\"; type=\"{a.Type}\"").Prepend($"<{meta.Canonical}>; rel=\"canonical\""));

    /// <summary>A 406 for a client that will not take HTML on a page URL, naming where the data is.</summary>
    public static ProblemHttpResult NotAcceptable(HttpContext http) => TypedResults.Problem(
        title: "Not acceptable",
        detail: $"'{http.Request.Path}' is a page for people and answers text/html only. The same data is served as JSON and CSV under /v1 (GET /v1 lists every collection); this response's Link header names this page's own.",
        statusCode: StatusCodes.Status406NotAcceptable,
        type: "https://tools.ietf.org/html/rfc9110#section-15.5.7");
}

/// <summary>
/// A page asked for by a client that will not take HTML: a 406 problem instead of the page. Checked on the
/// page's answer, so an unknown id is still a 404 and a bad parameter a 400 (more use to such a client); the
/// 406 keeps the page's Link header, which names its JSON and CSV twins.
/// </summary>
internal sealed class PageNegotiationFilter : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var result = await next(context);
        var page = (result is INestedHttpResult nested ? nested.Result : result) is RazorComponentResult;
        return page && HtmlNegotiation.RefusesHtml(context.HttpContext.Request) ? PageResults.NotAcceptable(context.HttpContext) : result;
    }
}
