using Indicators.Api.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Indicators.Api.Pages;

/// <summary>
/// Writes a problem as an HTML page in the site's layout, for a browser on a page path
/// (<see cref="HtmlNegotiation.PrefersHtml"/>). Every error path (endpoints' 404s and 400s, routing's 404,
/// the 405, 414, 429 and 503 middleware, the exception handler) goes through the problem service, so each
/// gets the page.
/// </summary>
internal sealed class ErrorPageWriter : IProblemDetailsWriter
{
    public bool CanWrite(ProblemDetailsContext context) => HtmlNegotiation.PrefersHtml(context.HttpContext.Request);

    public async ValueTask WriteAsync(ProblemDetailsContext context)
    {
        var http = context.HttpContext;
        var problem = context.ProblemDetails;
        ProblemWriting.ApplyDefaults(problem, http.Response.StatusCode);
        var status = problem.Status ?? http.Response.StatusCode;
        http.Response.Headers.ContentSecurityPolicy = PageAssets.ContentSecurityPolicy([], script: null);
        var result = new RazorComponentResult<ErrorPage>(new Dictionary<string, object?>
        {
            [nameof(ErrorPage.Site)] = PageContext.For(http),
            [nameof(ErrorPage.Status)] = status,
            [nameof(ErrorPage.Title)] = problem.Title,
            // Routing's own 404 comes without a sentence: a reader still gets one.
            [nameof(ErrorPage.Detail)] = problem.Detail ?? (status == StatusCodes.Status404NotFound
                ? $"There is no page at '{http.Request.Path}'. Search the figures, or start from the home page."
                : problem.Title),
            [nameof(ErrorPage.Errors)] = (problem as HttpValidationProblemDetails)?.Errors,
            [nameof(ErrorPage.TraceId)] = http.TraceIdentifier,
            [nameof(ErrorPage.History)] = problem.Extensions.TryGetValue("history", out var history) ? history as string : null,
        })
        {
            StatusCode = status,
            ContentType = "text/html; charset=utf-8",
        };
        await result.ExecuteAsync(http);
    }
}
