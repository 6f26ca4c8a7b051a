using System.Security.Cryptography;
using System.Text;
using Indicators.Api.Data;
using Microsoft.Net.Http.Headers;

namespace Indicators.Api.Http;

/// <summary>How long clients and shared caches may reuse a response before revalidating it.</summary>
internal sealed class CachingOptions
{
    public const string Section = "Caching";

    /// <summary>Seconds a response stays fresh: the longest a new release takes to reach every client.</summary>
    public int MaxAgeSeconds { get; set; } = 60;

    /// <summary>
    /// How often, at most, to look whether the import has renamed a new database into place. The look is a
    /// stat of the file (microseconds, no query), so by default every request looks: then the release a
    /// response is labelled with is the file its data came from, not one that was replaced up to a
    /// throttle's length ago. Raise it only if stat calls ever show up in a profile.
    /// </summary>
    public int ReleaseCheckMilliseconds { get; set; }
}

/// <summary>
/// Conditional GET for a read-only API whose every answer is fixed by (code, release, request): validators
/// are computed from the release held in memory and the request alone, so a matching If-None-Match is
/// answered 304 before routing reaches an endpoint, and no query runs.
/// </summary>
internal sealed class ConditionalGetMiddleware(RequestDelegate next, DatasetRelease releases, Microsoft.Extensions.Options.IOptions<CachingOptions> options)
{
    public const string ReleaseHeader = "X-Dataset-Release";

    private readonly DatasetRelease _releases = releases;

    // The build of the code is part of every validator: a deploy that changes a representation without a
    // new release must not let caches keep the old bytes under a strong ETag.
    private static readonly string CodeVersion = typeof(ConditionalGetMiddleware).Assembly.ManifestModule.ModuleVersionId.ToString("N");

    private readonly CacheControlHeaderValue _cacheControl = new()
    {
        Public = true,
        MaxAge = TimeSpan.FromSeconds(options.Value.MaxAgeSeconds),
        MustRevalidate = true,
    };

    public Task InvokeAsync(HttpContext context)
    {
        var release = _releases.Current();
        context.Features.Set(release);
        context.Response.Headers[ReleaseHeader] = release.Id;

        var request = context.Request;
        if (!HttpMethods.IsGet(request.Method) && !HttpMethods.IsHead(request.Method))
        {
            return next(context);
        }

        // The tag is a digest, so it is computed only for a conditional request here, else when a 200 starts.
        if (request.Headers.IfNoneMatch.Count > 0 || request.Headers.IfModifiedSince.Count > 0)
        {
            var etag = ETagFor(release, request);
            if (IsNotModified(request.GetTypedHeaders(), etag, release.BuiltAt))
            {
                context.Response.StatusCode = StatusCodes.Status304NotModified;
                WriteValidators(context.Response, etag, release.BuiltAt);
                return Task.CompletedTask;
            }
        }

        context.Response.OnStarting(static state => ((ResponseInFlight)state).OnStarting(), new ResponseInFlight(this, context, release));
        return next(context);
    }

    /// <summary>What the validators of a response need when it starts: the request and the release it was served from.</summary>
    private sealed class ResponseInFlight(ConditionalGetMiddleware owner, HttpContext context, ReleaseStamp release)
    {
        public Task OnStarting()
        {
            // Only successes are cacheable here: an error may be about the request, not the release.
            if (context.Response.StatusCode != StatusCodes.Status200OK)
            {
                return Task.CompletedTask;
            }

            if (owner._releases.IsStillServing(release))
            {
                owner.WriteValidators(context.Response, ETagFor(release, context.Request), release.BuiltAt);
            }
            else
            {
                // A new release was renamed into place while this request ran: its data may be from either
                // file, so no cache may keep it under this release's tag.
                context.Response.GetTypedHeaders().CacheControl = new CacheControlHeaderValue { NoStore = true };
            }

            return Task.CompletedTask;
        }
    }

    private void WriteValidators(HttpResponse response, EntityTagHeaderValue etag, DateTimeOffset lastModified)
    {
        var headers = response.GetTypedHeaders();
        headers.ETag = etag;
        headers.LastModified = lastModified;
        headers.CacheControl = _cacheControl;
        // The representation may be negotiated on Accept (JSON or another format), so caches key on it too.
        response.Headers.Append(HeaderNames.Vary, HeaderNames.Accept);
    }

    /// <summary>
    /// A strong tag: the release, then a digest of everything else the bytes depend on (the code, the URL
    /// the links are written against, the path and query, the Accept header).
    /// </summary>
    private static EntityTagHeaderValue ETagFor(ReleaseStamp release, HttpRequest request)
    {
        // The representation, not the raw Accept string: clients that send different Accept headers for
        // the same JSON (curl's */*, none at all) must share one validator, or a 304 is never possible.
        var key = string.Join('\n', CodeVersion, request.Scheme, request.Host.Value, request.PathBase.Value, request.Path.Value,
            request.QueryString.Value, Csv.ResponseFormats.PrefersCsv(request) ? "csv" : "json");
        var digest = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)))[..16];
        return new EntityTagHeaderValue($"\"{release.Id}-{digest}\"");
    }

    private static bool IsNotModified(Microsoft.AspNetCore.Http.Headers.RequestHeaders headers, EntityTagHeaderValue etag, DateTimeOffset lastModified)
    {
        var ifNoneMatch = headers.IfNoneMatch;
        if (ifNoneMatch.Count > 0)
        {
            // Weak comparison, as RFC 9110 asks for If-None-Match. "*" is left to the endpoint: it means
            // "any current representation", which only the endpoint knows exists.
            return ifNoneMatch.Any(tag => !tag.Equals(EntityTagHeaderValue.Any) && tag.Compare(etag, useStrongComparison: false));
        }

        // Last-Modified has one-second resolution, as does the release's build time.
        return headers.IfModifiedSince is { } since && since >= lastModified;
    }
}

internal static class HttpCaching
{
    public static IServiceCollection AddHttpCaching(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<CachingOptions>(configuration.GetSection(CachingOptions.Section));
        services.AddSingleton<DatasetRelease>();
        return services;
    }

    public static WebApplication UseHttpCaching(this WebApplication app)
    {
        // CORS before the conditional GET, so a 304 to a browser carries the CORS headers too (see Cors.cs);
        // the default policy needs no routing. Routing comes later, after the response cache (Program.cs).
        app.UseCors();
        app.UseMiddleware<ConditionalGetMiddleware>();
        return app;
    }
}
