using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.AspNetCore.Routing.Template;

namespace Indicators.Api.Http;

/// <summary>
/// The API is read-only: a method other than GET or HEAD on a path that GET serves is a 405 problem with
/// <c>Allow: GET, HEAD</c>. Routing does this for plain routes, but API versioning answers 404 when the
/// version matches and the method does not, so the paths are matched here. Unknown paths stay 404;
/// CORS preflights (OPTIONS with Access-Control-Request-Method) are left to the CORS middleware.
/// </summary>
internal sealed class MethodNotAllowed(RequestDelegate next, EndpointDataSource endpoints)
{
    private const string Allowed = "GET, HEAD";
    private readonly Lazy<TemplateMatcher[]> _getRoutes = new(() => endpoints.Endpoints
        .OfType<RouteEndpoint>()
        .Where(e => e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods.Contains(HttpMethods.Get) is true)
        .Where(e => !e.RoutePattern.Parameters.Any(p => p.IsCatchAll))
        .Select(e => new TemplateMatcher(new RouteTemplate(e.RoutePattern), []))
        .ToArray());

    public Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        if (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method)
            || (HttpMethods.IsOptions(request.Method) && request.Headers.ContainsKey("Access-Control-Request-Method"))
            || !_getRoutes.Value.Any(route => route.TryMatch(request.Path, [])))
        {
            return next(context);
        }

        return WriteAsync(context);
    }

    /// <summary>The 405 problem for a path that answers GET and HEAD only.</summary>
    public static Task WriteAsync(HttpContext context)
    {
        context.Response.StatusCode = StatusCodes.Status405MethodNotAllowed;
        context.Response.Headers.Allow = Allowed;
        return context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails =
            {
                Status = StatusCodes.Status405MethodNotAllowed,
                Title = "Method not allowed",
                Detail = $"This API is read-only: '{context.Request.Path}' answers {Allowed} only.",
                Type = "https://tools.ietf.org/html/rfc9110#section-15.5.6",
            },
        }).AsTask();
    }
}

internal static class MethodNotAllowedExtensions
{
    /// <summary>After routing: 405 for any method but GET and HEAD on a path GET serves.</summary>
    public static WebApplication UseMethodNotAllowed(this WebApplication app)
    {
        if (PipelineStages.IsOff(app, PipelineStages.MethodChecks))
        {
            return app;
        }

        app.UseMiddleware<MethodNotAllowed>();
        return app;
    }
}
