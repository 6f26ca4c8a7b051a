using System.Text.Json;
using Indicators.Api.Http;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Indicators.Api.Health;

/// <summary>
/// Probes for an orchestrator or load balancer: /health/live (the process answers) and /health/ready (the
/// database can serve; 503 if not). They are answered early in the pipeline, before anything that reads the
/// dataset (release tracking, caching), so a broken database fails the probe instead of the probe itself;
/// they are not rate limited and not in the OpenAPI document. GET and HEAD only.
/// </summary>
internal static class HealthEndpoints
{
    private const string Ready = "ready";

    public static IServiceCollection AddIndicatorsHealth(this IServiceCollection services)
    {
        services.AddSingleton<DatabaseHealthCheck>();
        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database", tags: [Ready]);
        services.AddExceptionHandler<DatabaseUnavailable>();
        return services;
    }

    public static WebApplication UseHealthProbes(this WebApplication app)
    {
        app.UseWhen(context => context.Request.Path.StartsWithSegments("/health"), probes =>
        {
            probes.Use((context, next) => HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method)
                ? next(context)
                : MethodNotAllowed.WriteAsync(context));
            probes.UseHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false, ResponseWriter = WriteAsync });
            probes.UseHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains(Ready), ResponseWriter = WriteAsync });
        });
        return app;
    }

    private static Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        context.Response.Headers.CacheControl = "no-store";
        return context.Response.WriteAsync(JsonSerializer.Serialize(new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(e => e.Key, e => new { status = e.Value.Status.ToString(), description = e.Value.Description }),
        }, JsonSerializerOptions.Web));
    }
}
