using Indicators.Api.Data;
using System.Globalization;
using System.Net;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Http.Timeouts;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;

namespace Indicators.Api.Http;

/// <summary>The "Limits" section of appsettings.json: what one client, and all clients together, may ask of the service.</summary>
internal sealed class LimitsOptions
{
    public const string Section = "Limits";

    public RateLimitOptions RateLimit { get; set; } = new();

    /// <summary>Requests handled at once, all clients together; more wait in a queue, and past it are turned away (503).</summary>
    public int MaxConcurrentRequests { get; set; } = 64;

    public int ConcurrencyQueueLimit { get; set; } = 512;

    /// <summary>The request target (path and query, as sent) in characters; longer is 414.</summary>
    public int MaxUrlLength { get; set; } = 8192;

    /// <summary>All request header names and values together, in characters; more is 431.</summary>
    public int MaxRequestHeadersSize { get; set; } = 32768;

    /// <summary>Request headers; more is 431.</summary>
    public int MaxRequestHeaderCount { get; set; } = 100;

    /// <summary>How long one request may take before it is cancelled with a 503.</summary>
    public double RequestTimeoutSeconds { get; set; } = 10;

    /// <summary>On SIGTERM, how long in-flight requests get to finish before the host stops anyway.</summary>
    public int ShutdownTimeoutSeconds { get; set; } = 20;

    internal sealed class RateLimitOptions
    {
        /// <summary>Off only for load benchmarks (appsettings.Benchmark.json).</summary>
        public bool Enabled { get; set; } = true;

        /// <summary>Requests one client (IP address) may send at once before it must slow down.</summary>
        public int Burst { get; set; } = 600;

        /// <summary>Requests one client regains every <see cref="PeriodSeconds"/>: its sustained rate after a burst.</summary>
        public int TokensPerPeriod { get; set; } = 20;

        public int PeriodSeconds { get; set; } = 1;
    }
}

/// <summary>
/// Limits with ASP.NET Core's own middleware: a token bucket per client IP (429 with Retry-After), a global
/// concurrency limit (503), request timeouts (503), and URL/header sizes checked in middleware so they are
/// problems (414/431) rather than Kestrel's bare answers; Kestrel's own limits sit above the documented ones.
/// </summary>
internal static class Limits
{
    public static WebApplicationBuilder AddIndicatorsLimits(this WebApplicationBuilder builder)
    {
        // Options are read when the host starts (not here), so test hosts and environment files can change them.
        var services = builder.Services;
        services.AddOptions<LimitsOptions>().Bind(builder.Configuration.GetSection(LimitsOptions.Section));

        services.AddOptions<KestrelServerOptions>().Configure<IOptions<LimitsOptions>>((kestrel, options) =>
        {
            var limits = options.Value;
            var defaults = new KestrelServerLimits();
            kestrel.AddServerHeader = false;
            // Kestrel answers these with an empty body before any middleware runs; the documented limits
            // below them are enforced by RequestSizeLimits, which answers with a problem.
            kestrel.Limits.MaxRequestLineSize = Math.Max(limits.MaxUrlLength * 2, defaults.MaxRequestLineSize);
            kestrel.Limits.MaxRequestHeadersTotalSize = Math.Max(limits.MaxRequestHeadersSize * 2, defaults.MaxRequestHeadersTotalSize);
            kestrel.Limits.MaxRequestHeaderCount = Math.Max(limits.MaxRequestHeaderCount * 2, defaults.MaxRequestHeaderCount);
            // A read-only API reads no bodies.
            kestrel.Limits.MaxRequestBodySize = 64 * 1024;
        });
        services.AddOptions<HostOptions>().Configure<IOptions<LimitsOptions>>((host, options) =>
            host.ShutdownTimeout = TimeSpan.FromSeconds(options.Value.ShutdownTimeoutSeconds));

        // Behind a reverse proxy on this machine (deploy/nginx.conf), the client is the X-Forwarded-For address;
        // only loopback proxies are trusted (the framework's default), so a client cannot choose its own key.
        services.Configure<ForwardedHeadersOptions>(forwarded => forwarded.ForwardedHeaders = ForwardedHeaders.XForwardedFor);

        services.AddRequestTimeouts();
        services.AddOptions<RequestTimeoutOptions>().Configure<IOptions<LimitsOptions>>((timeouts, options) =>
            timeouts.DefaultPolicy = new RequestTimeoutPolicy
            {
                Timeout = TimeSpan.FromSeconds(options.Value.RequestTimeoutSeconds),
                TimeoutStatusCode = StatusCodes.Status503ServiceUnavailable,
                WriteTimeoutResponse = context => WriteUnavailableAsync(context, "The request took longer than the service allows. Retry after 1 second."),
            });

        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>().Configure<IOptions<LimitsOptions>>((rateLimiter, options) =>
        {
            var limits = options.Value;
            var everyone = new AllRequestsLimiter(new ConcurrencyLimiter(new ConcurrencyLimiterOptions
            {
                PermitLimit = limits.MaxConcurrentRequests,
                QueueLimit = limits.ConcurrencyQueueLimit,
                QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
            }));
            // Off (the Benchmark profile), the per-client limiter is not built at all rather than chained as a no-op.
            rateLimiter.GlobalLimiter = limits.RateLimit.Enabled
                ? PartitionedRateLimiter.CreateChained(PerClient(limits.RateLimit), everyone)
                : everyone;
            rateLimiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            rateLimiter.OnRejected = OnRejectedAsync;
        });
        return builder;
    }

    /// <summary>Rate and concurrency limits, for every request past the health probes (answers from memory included).</summary>
    public static WebApplication UseIndicatorsLimits(this WebApplication app)
    {
        if (PipelineStages.IsOff(app, PipelineStages.Limits))
        {
            return app;
        }

        app.UseForwardedHeaders();
        app.UseRateLimiter();
        return app;
    }

    /// <summary>
    /// The time limit, after the response cache: an answer from memory cannot take long, so only the work behind
    /// a miss pays for the timer (its cost per request showed in the profile, bench/README.md).
    /// </summary>
    public static WebApplication UseIndicatorsTimeouts(this WebApplication app)
    {
        if (PipelineStages.IsOff(app, PipelineStages.Limits))
        {
            return app;
        }

        app.UseRequestTimeouts();
        app.UseInterruptedStatementsAsCancellation();
        return app;
    }

    private static PartitionedRateLimiter<HttpContext> PerClient(LimitsOptions.RateLimitOptions rate) =>
        PartitionedRateLimiter.Create<HttpContext, string>(context =>
            RateLimitPartition.GetTokenBucketLimiter(ClientKey(context), _ => new TokenBucketRateLimiterOptions
            {
                TokenLimit = rate.Burst,
                TokensPerPeriod = rate.TokensPerPeriod,
                ReplenishmentPeriod = TimeSpan.FromSeconds(rate.PeriodSeconds),
                QueueLimit = 0,
                AutoReplenishment = true,
            }));

    /// <summary>The client's address (from X-Forwarded-For when a loopback proxy sent the request).</summary>
    private static string ClientKey(HttpContext context) =>
        context.Connection.RemoteIpAddress is { } address
            ? (address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address).ToString()
            : IPAddress.None.ToString();

    private static async ValueTask OnRejectedAsync(OnRejectedContext rejected, CancellationToken cancellationToken)
    {
        var context = rejected.HttpContext;
        var problems = context.RequestServices.GetRequiredService<IProblemDetailsService>();
        // Only the per-client token bucket knows when the next request will pass; the concurrency limit is a busy server.
        if (rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter))
        {
            var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
            context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
            context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
            await problems.WriteAsync(new ProblemDetailsContext
            {
                HttpContext = context,
                ProblemDetails =
                {
                    Status = StatusCodes.Status429TooManyRequests,
                    Title = "Too many requests",
                    Detail = $"This client has sent more requests than its limit. Retry after {seconds} second(s).",
                    Type = "https://tools.ietf.org/html/rfc6585#section-4",
                },
            });
            return;
        }

        await WriteUnavailableAsync(context, "The service is handling as many requests as it can. Retry after 1 second.");
    }

    private static Task WriteUnavailableAsync(HttpContext context, string detail)
    {
        context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        context.Response.Headers.RetryAfter = "1";
        return context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = { Status = StatusCodes.Status503ServiceUnavailable, Title = "Service unavailable", Detail = detail },
        }).AsTask();
    }
}

/// <summary>
/// The documented URL and header limits, as problems. Kestrel's own (higher) limits would answer with an
/// empty 414/431 before any middleware runs, so they are set above these.
/// </summary>
internal sealed class RequestSizeLimits(RequestDelegate next, IOptions<LimitsOptions> options)
{
    private readonly LimitsOptions _limits = options.Value;

    public Task InvokeAsync(HttpContext context)
    {
        var target = context.Features.Get<IHttpRequestFeature>()?.RawTarget;
        var urlLength = string.IsNullOrEmpty(target)
            ? context.Request.PathBase.ToUriComponent().Length + context.Request.Path.ToUriComponent().Length + context.Request.QueryString.Value?.Length ?? 0
            : target.Length;
        if (urlLength > _limits.MaxUrlLength)
        {
            return RejectAsync(context, StatusCodes.Status414UriTooLong, "URI too long",
                $"The request target is {urlLength} characters; the limit is {_limits.MaxUrlLength}.");
        }

        var headers = context.Request.Headers;
        var count = 0;
        var size = 0;
        foreach (var (name, values) in headers)
        {
            foreach (var value in values)
            {
                count++;
                size += name.Length + (value?.Length ?? 0) + 4; // "name: value\r\n"
            }
        }

        if (count > _limits.MaxRequestHeaderCount || size > _limits.MaxRequestHeadersSize)
        {
            return RejectAsync(context, StatusCodes.Status431RequestHeaderFieldsTooLarge, "Request headers too large",
                $"The request has {count} header(s) of {size} characters in all; the limits are {_limits.MaxRequestHeaderCount} headers and {_limits.MaxRequestHeadersSize} characters.");
        }

        return next(context);
    }

    private static Task RejectAsync(HttpContext context, int status, string title, string detail)
    {
        context.Response.StatusCode = status;
        return context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = { Status = status, Title = title, Detail = detail },
        }).AsTask();
    }
}

internal static class RequestSizeLimitsExtensions
{
    public static WebApplication UseRequestSizeLimits(this WebApplication app)
    {
        if (PipelineStages.IsOff(app, PipelineStages.Limits))
        {
            return app;
        }

        app.UseMiddleware<RequestSizeLimits>();
        return app;
    }
}

/// <summary>
/// One limiter shared by all requests. The framework's <c>PartitionedRateLimiter.Create</c> takes a lock on its
/// partition table on every acquire, which with a single partition is pure cost (it showed in the profile).
/// </summary>
internal sealed class AllRequestsLimiter(RateLimiter shared) : PartitionedRateLimiter<HttpContext>
{
    public override RateLimiterStatistics? GetStatistics(HttpContext resource) => shared.GetStatistics();

    protected override RateLimitLease AttemptAcquireCore(HttpContext resource, int permitCount) => shared.AttemptAcquire(permitCount);

    protected override ValueTask<RateLimitLease> AcquireAsyncCore(HttpContext resource, int permitCount, CancellationToken cancellationToken) =>
        shared.AcquireAsync(permitCount, cancellationToken);

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            shared.Dispose();
        }

        base.Dispose(disposing);
    }

    protected override ValueTask DisposeAsyncCore() => shared.DisposeAsync();
}
