using Microsoft.AspNetCore.Cors.Infrastructure;
using Microsoft.Net.Http.Headers;

namespace Indicators.Api.Http;

/// <summary>
/// Headers every response carries, errors and 429s included. They are added in <c>OnStarting</c> because the
/// exception handler clears headers set before it runs. (Kestrel's Server header is off: see <see cref="Limits"/>.)
/// CORS headers too: answers written before the CORS middleware runs (414, 431, health) or after the exception
/// handler cleared them get the default policy's headers here, so a page can read every error.
/// </summary>
internal static class SecurityHeaders
{
    public static WebApplication UseSecurityHeaders(this WebApplication app)
    {
        if (PipelineStages.IsOff(app, PipelineStages.SecurityHeaders))
        {
            return app;
        }

        app.Use((context, next) =>
        {
            context.Response.OnStarting(static state =>
            {
                var http = (HttpContext)state;
                http.Response.Headers.XContentTypeOptions = "nosniff";
                return http.Request.Headers.ContainsKey(HeaderNames.Origin) && !http.Response.Headers.ContainsKey(HeaderNames.AccessControlAllowOrigin)
                    ? ApplyDefaultCorsPolicyAsync(http)
                    : Task.CompletedTask;
            }, context);
            return next(context);
        });
        return app;
    }

    private static async Task ApplyDefaultCorsPolicyAsync(HttpContext http)
    {
        if (http.RequestServices.GetService<ICorsService>() is { } cors
            && http.RequestServices.GetService<ICorsPolicyProvider>() is { } policies
            && await policies.GetPolicyAsync(http, policyName: null) is { } policy)
        {
            cors.ApplyResult(cors.EvaluatePolicy(http, policy), http.Response);
        }
    }
}

/// <summary>
/// HEAD works wherever GET does: minimal APIs map GET only, so a HEAD request is routed and handled as a
/// GET (same status and headers) and its body is discarded. Must run before routing.
/// </summary>
internal static class HeadRequests
{
    public static WebApplication UseHeadAsGet(this WebApplication app)
    {
        if (PipelineStages.IsOff(app, PipelineStages.MethodChecks))
        {
            return app;
        }

        app.Use((context, next) => HttpMethods.IsHead(context.Request.Method) ? AsGetAsync(context, next) : next(context));
        return app;
    }

    private static async Task AsGetAsync(HttpContext context, RequestDelegate next)
    {
        context.Request.Method = HttpMethods.Get;
        var body = context.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpResponseBodyFeature>();
        context.Features.Set<Microsoft.AspNetCore.Http.Features.IHttpResponseBodyFeature>(
            new StreamResponseBodyFeature(Stream.Null, body!));
        try
        {
            await next(context);
        }
        finally
        {
            context.Features.Set(body);
            context.Request.Method = HttpMethods.Head;
        }
    }
}
