using Indicators.Api.Data;
using Microsoft.AspNetCore.OutputCaching;

namespace Indicators.Api.Http;

/// <summary>
/// The data changes only with a release, so a GET answered once can be answered again from memory: ASP.NET
/// Core's output cache, keyed by host, path and every query parameter (the defaults), holding 200s only.
/// A hit costs the web server's own work: this is what keeps the service near the Kestrel ceiling
/// (bench/README.md). Entries carry the release tag, so whoever opens a new release can evict them all.
/// </summary>
internal static class ResponseCache
{
    public const string ReleaseTag = "release";

    /// <summary>
    /// Bounded, so unique URLs (a crawler, a cache-buster) evict old entries instead of growing memory. Under such
    /// churn the process held about ten times this in RSS (16 MB: 240-310 MB serving 1M rows; 4 MB: 170 MB), and
    /// 4 MB still holds thousands of observations or hundreds of list pages: the hot set of a small data API.
    /// </summary>
    public const long SizeLimitBytes = 4 * 1024 * 1024;

    /// <summary>The largest answer kept: a page of 1,000 observations as JSON is about 0.8 MB.</summary>
    public const long MaximumBodyBytes = 1024 * 1024;

    public static IServiceCollection AddIndicatorsResponseCache(this IServiceCollection services) =>
        services.AddOutputCache(options =>
        {
            options.SizeLimit = SizeLimitBytes;
            // The cache copies a body while it streams; past this it stops copying and stores nothing, so a
            // large answer (the full list as CSV, issue 3) streams in constant memory and is never cached.
            options.MaximumBodySize = MaximumBodyBytes;
            // A base policy, not endpoint metadata: the middleware runs before routing, so a stored answer
            // skips routing and API-version matching too (which, by the profile, parses a route template per request).
            options.AddBasePolicy(policy => policy
                .With(context => IsCacheable(context.HttpContext.Request.Path))
                // Keyed by the release the conditional-GET middleware stamped on the request (it runs first and
                // notices a new database file): answers from an older release are never served for a newer one.
                // JSON and CSV share URLs: the representation depends on Accept (the ETag and Vary say so too).
                // Keyed by the representation chosen, not the raw header, so varied Accept strings share entries.
                .VaryByValue(context => new KeyValuePair<string, string>(
                    "representation", Representation.Of(context.Request)))
                .VaryByValue(context => new KeyValuePair<string, string>("release", DatasetRelease.Of(context.Request).Id))
                .Expire(TimeSpan.FromHours(1))
                .Tag(ReleaseTag));
        });

    /// <summary>The output cache, ahead of routing; call before the OpenAPI middleware and UseRouting.</summary>
    public static WebApplication UseIndicatorsResponseCache(this WebApplication app)
    {
        app.Use((context, next) =>
        {
            // API versioning reports the versions from its endpoint, which a stored answer never reaches:
            // the header is set here so hits and misses carry it alike.
            if (IsVersioned(context.Request.Path))
            {
                context.Response.Headers["api-supported-versions"] = UnsupportedVersions.Supported;
            }

            return next(context);
        });
        app.UseOutputCache();
        return app;
    }

    private static bool IsVersioned(PathString path) => path.StartsWithSegments("/v1", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// /v1, the machine routes whose answers are fixed by the release (SDMX, the Data Package, the catalogue) and the
    /// pages; not the health probes, the OpenAPI document and its explorer, or MCP.
    /// </summary>
    private static bool IsCacheable(PathString path) =>
        IsVersioned(path) || path.StartsWithSegments("/sdmx", StringComparison.OrdinalIgnoreCase)
        || MachineFiles.Contains(path.Value ?? "", StringComparer.OrdinalIgnoreCase)
        || !HtmlNegotiation.IsMachinePath(path);

    private static readonly string[] MachineFiles = ["/datapackage.json", "/datapackage.zip", "/catalog.ttl", "/catalog.jsonld"];

    /// <summary>Forget every cached response (after a new release is opened in this process).</summary>
    public static ValueTask EvictAllAsync(IOutputCacheStore store, CancellationToken cancellationToken) =>
        store.EvictByTagAsync(ReleaseTag, cancellationToken);
}
