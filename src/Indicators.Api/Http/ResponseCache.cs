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

    /// <summary>Bounded, so unique URLs (a crawler, a cache-buster) evict old entries instead of growing memory.</summary>
    public const long SizeLimitBytes = 32 * 1024 * 1024;

    public static IServiceCollection AddIndicatorsResponseCache(this IServiceCollection services) =>
        services.AddOutputCache(options =>
        {
            options.SizeLimit = SizeLimitBytes;
            // A base policy, not endpoint metadata: the middleware runs before routing, so a stored answer
            // skips routing and API-version matching too (a third of the cost of a hit, by the profile).
            options.AddBasePolicy(policy => policy
                .With(context => context.HttpContext.Request.Path.StartsWithSegments("/v1", StringComparison.OrdinalIgnoreCase))
                .Expire(TimeSpan.FromHours(1))
                .Tag(ReleaseTag));
        });

    /// <summary>Forget every cached response (after a new release is opened in this process).</summary>
    public static ValueTask EvictAllAsync(IOutputCacheStore store, CancellationToken cancellationToken) =>
        store.EvictByTagAsync(ReleaseTag, cancellationToken);
}
