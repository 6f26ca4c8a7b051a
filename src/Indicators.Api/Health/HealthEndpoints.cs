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
            // Live runs no check, so its report is always the same: written from bytes serialised once, not through the
            // health check service's report (a quarter of the probe's CPU time on one core, bench/README.md).
            probes.Use((context, next) => context.Request.Path.Equals("/health/live", StringComparison.OrdinalIgnoreCase)
                ? WriteLiveAsync(context)
                : next(context));
            probes.UseHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains(Ready), ResponseWriter = WriteAsync });
        });
        return app;
    }

    private static readonly byte[] Live = JsonSerializer.SerializeToUtf8Bytes(
        Report(new HealthReport(new Dictionary<string, HealthReportEntry>(), TimeSpan.Zero)), JsonSerializerOptions.Web);

    private static Task WriteLiveAsync(HttpContext context)
    {
        WriteHeaders(context.Response);
        context.Response.ContentLength = Live.Length;
        return context.Response.Body.WriteAsync(Live, context.RequestAborted).AsTask();
    }

    private static Task WriteAsync(HttpContext context, HealthReport report)
    {
        WriteHeaders(context.Response);
        return context.Response.WriteAsync(JsonSerializer.Serialize(Report(report), JsonSerializerOptions.Web));
    }

    private static void WriteHeaders(HttpResponse response)
    {
        response.ContentType = "application/json; charset=utf-8";
        response.Headers.CacheControl = "no-store";
    }

    private static object Report(HealthReport report) => new
    {
        status = report.Status.ToString(),
        checks = report.Entries.ToDictionary(e => e.Key, e => new { status = e.Value.Status.ToString(), description = e.Value.Description }),
    };
}
