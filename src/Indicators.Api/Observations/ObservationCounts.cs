using System.Data.Common;
using Microsoft.Extensions.Caching.Memory;

namespace Indicators.Api.Observations;

/// <summary>
/// The total of a list, per filter. COUNT(*) is the one part of a page whose cost grows with the data
/// (a broad filter over a million figures counts for milliseconds on every page); the data changes only with
/// a new release (a new database file, noticed by DatasetRelease), so a total counted once stays true for its release.
/// A cache of its own, bounded in entries, so filters a client invents cannot grow memory without limit.
/// </summary>
internal sealed class ObservationCounts : IDisposable
{
    public const int MaxFilters = 10_000;

    private readonly MemoryCache _cache = new(new MemoryCacheOptions { SizeLimit = MaxFilters });

    /// <param name="release">The release the count is read from: keyed by it, a new release never sees an old total.</param>
    /// <param name="filter">The validated filter.</param>
    /// <param name="count">Counts when the total is not cached.</param>
    /// <param name="search">The full-text match of a q= list, part of its filter.</param>
    public async Task<long> GetAsync(string? release, ObservationQueries.Filter filter, Func<Task<long>> count, string? search = null)
    {
        var key = (release, filter, search);
        if (_cache.TryGetValue(key, out long total))
        {
            return total;
        }

        total = await count();
        _cache.Set(key, total, new MemoryCacheEntryOptions { Size = 1 });
        return total;
    }

    /// <summary>Forget every total (after a new release is opened in this process).</summary>
    public void Clear() => _cache.Clear();

    public void Dispose() => _cache.Dispose();
}
