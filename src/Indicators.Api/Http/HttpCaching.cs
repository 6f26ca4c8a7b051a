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

    /// <summary>Seconds an answer pinned to a published release stays fresh: what a release holds never changes.</summary>
    public int PinnedMaxAgeSeconds { get; set; } = 86400;

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
/// are computed from the request's release (the one it names with release= or asOf=, resolved in memory by
/// <see cref="HttpCaching.UseReleaseStamp"/>, else the current one) and the request alone, so a matching
/// If-None-Match is answered 304 before routing reaches an endpoint, and no query runs. An answer pinned to a
/// published release never changes, so it may be kept a day; the current release's answers only until a new
/// one could come. It runs behind the response cache and writes the validators before the endpoint does, so a
/// stored answer keeps them and a hit (which the cache answers, 304s included) costs no digest. A request whose
/// release or asOf names no release is answered here, a 400 problem naming the parameter.
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

    private readonly CacheControlHeaderValue _pinnedCacheControl = new()
    {
        Public = true,
        MaxAge = TimeSpan.FromSeconds(options.Value.PinnedMaxAgeSeconds),
    };

    public Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        if (!HttpMethods.IsGet(request.Method) && !HttpMethods.IsHead(request.Method)
            || context.Features.Get<ReleaseStamp>() is not { } release)
        {
            return next(context);
        }

        if (context.Features.Get<ReleaseProblem>() is { } problem)
        {
            return TypedResults.ValidationProblem(
                problem.Errors, title: "One or more query parameters are invalid.",
                detail: $"Invalid parameter(s): {string.Join(", ", problem.Errors.Keys)}.").ExecuteAsync(context);
        }

        var etag = ETagFor(release, request);
        WriteValidators(context.Response, etag, release.LastModified, IsPinned(release, request) ? _pinnedCacheControl : _cacheControl);
        if ((request.Headers.IfNoneMatch.Count > 0 || request.Headers.IfModifiedSince.Count > 0)
            && IsNotModified(request.GetTypedHeaders(), etag, release.LastModified))
        {
            context.Response.StatusCode = StatusCodes.Status304NotModified;
            return Task.CompletedTask;
        }

        context.Response.OnStarting(static state => ((ResponseInFlight)state).OnStarting(), new ResponseInFlight(this, context, release));
        return next(context);
    }

    /// <summary>Takes back the validators from an answer that turned out not to be the release's data.</summary>
    private sealed class ResponseInFlight(ConditionalGetMiddleware owner, HttpContext context, ReleaseStamp release)
    {
        public Task OnStarting()
        {
            var headers = context.Response.Headers;
            if (context.Response.StatusCode != StatusCodes.Status200OK)
            {
                // Only successes are cacheable here: an error may be about the request, not the release.
                headers.ETag = default;
                headers.LastModified = default;
                headers.CacheControl = default;
                headers.Vary = default;
            }
            else if (!owner._releases.IsStillServing(release))
            {
                // A new release was renamed into place while this request ran: its data may be from either
                // file, so no cache may keep it under this release's tag.
                headers.ETag = default;
                headers.LastModified = default;
                context.Response.GetTypedHeaders().CacheControl = new CacheControlHeaderValue { NoStore = true };
            }

            return Task.CompletedTask;
        }
    }

    /// <summary>
    /// An answer that can never change: read from a published release the request named by id, or picked by asOf
    /// among releases a later one has followed. Not the releases list (its current flags move on) nor citations
    /// (they carry the access date).
    /// </summary>
    private static bool IsPinned(ReleaseStamp release, HttpRequest request) =>
        release.IsPublished
        && (request.Query.ContainsKey(DatasetRelease.ReleaseParameter) || !release.IsCurrent)
        && !request.Path.StartsWithSegments("/v1/releases", StringComparison.OrdinalIgnoreCase)
        && !(request.Path.Value ?? "").EndsWith("/citation", StringComparison.OrdinalIgnoreCase);

    private static void WriteValidators(HttpResponse response, EntityTagHeaderValue etag, DateTimeOffset lastModified, CacheControlHeaderValue cacheControl)
    {
        var headers = response.GetTypedHeaders();
        headers.ETag = etag;
        headers.LastModified = lastModified;
        headers.CacheControl = cacheControl;
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
            request.QueryString.Value, Representation.Of(request));
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

/// <summary>Why the release a request named could not be read, keyed by the parameter as sent.</summary>
internal sealed record ReleaseProblem(Dictionary<string, string[]> Errors);

internal static class HttpCaching
{
    public static IServiceCollection AddHttpCaching(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<CachingOptions>(configuration.GetSection(CachingOptions.Section));
        services.AddSingleton<DatasetRelease>();
        return services;
    }

    /// <summary>
    /// CORS, then the release of this request: the one a GET names with release= or asOf=, else the current one.
    /// It names every response (errors and 429s too) and keys the response cache, so it is read before the limits
    /// and the cache. A release or asOf that names no release leaves the current one on the request and a
    /// <see cref="ReleaseProblem"/> that the conditional-GET middleware answers, after the limits. CORS comes
    /// first, so a 304 to a browser carries the CORS headers too (see Cors.cs); the default policy needs no routing.
    /// </summary>
    public static WebApplication UseReleaseStamp(this WebApplication app)
    {
        app.UseCors();
        var releases = app.Services.GetRequiredService<DatasetRelease>();
        app.Use((context, next) =>
        {
            var request = context.Request;
            var release = releases.Current();
            if ((HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method)) && request.QueryString.HasValue
                && !request.Path.StartsWithSegments("/swagger", StringComparison.OrdinalIgnoreCase)
                && (request.Query.ContainsKey(DatasetRelease.ReleaseParameter) || request.Query.ContainsKey(DatasetRelease.AsOfParameter)))
            {
                var (named, errors) = releases.Resolve(request.Query);
                if (named is not null)
                {
                    release = named;
                }
                else
                {
                    context.Features.Set(new ReleaseProblem(errors!));
                }
            }

            context.Features.Set(release);
            context.Response.Headers[ConditionalGetMiddleware.ReleaseHeader] = release.Id;
            return next(context);
        });
        return app;
    }

    /// <summary>Validators and 304s for what the response cache did not answer; call right after it.</summary>
    public static WebApplication UseConditionalGet(this WebApplication app)
    {
        app.UseMiddleware<ConditionalGetMiddleware>();
        return app;
    }
}
