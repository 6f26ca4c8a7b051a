using System.Data.Common;
using Microsoft.Extensions.Caching.Memory;

namespace Indicators.Api.Observations;

/// <summary>
/// The total of a list, per filter. COUNT(*) is the one part of a page whose cost grows with the data
/// (a broad filter over a million figures counts for milliseconds on every page); the data changes only with
/// a new release (a new database file, opened on the service's next start), so a total counted once stays true.
/// A cache of its own, bounded in entries, so filters a client invents cannot grow memory without limit.
/// </summary>
internal sealed class ObservationCounts : IDisposable
{
    public const int MaxFilters = 10_000;

    private readonly MemoryCache _cache = new(new MemoryCacheOptions { SizeLimit = MaxFilters });

    public async Task<long> GetAsync(ObservationQueries.Filter filter, Func<Task<long>> count)
    {
        if (_cache.TryGetValue(filter, out long total))
        {
            return total;
        }

        total = await count();
        _cache.Set(filter, total, new MemoryCacheEntryOptions { Size = 1 });
        return total;
    }

    /// <summary>Forget every total (after a new release is opened in this process).</summary>
    public void Clear() => _cache.Clear();

    public void Dispose() => _cache.Dispose();
}
