using Microsoft.Extensions.Caching.Memory;

namespace Indicators.Api.Pages;

/// <summary>
/// What pages read again and again that only a new release changes: an indicator's row (its figure count is a
/// COUNT over every figure of the indicator: a third of a second for the largest at a million figures), the
/// source rows behind the cards' source lines, the oEmbed snippet, the home page's lists. Keyed by release, so a
/// new release never sees an old entry; bounded in entries, so what clients ask cannot grow memory without limit.
/// </summary>
internal sealed class PageCache : IDisposable
{
    public const int MaxEntries = 20_000;

    private readonly MemoryCache _cache = new(new MemoryCacheOptions { SizeLimit = MaxEntries });

    public async Task<T> GetAsync<T>(string? release, string kind, string key, Func<Task<T>> read)
    {
        var entry = (release, kind, key);
        if (_cache.TryGetValue(entry, out T? value) && value is not null)
        {
            return value;
        }

        value = await read();
        if (value is not null)
        {
            _cache.Set(entry, value, new MemoryCacheEntryOptions { Size = 1 });
        }

        return value;
    }

    public void Dispose() => _cache.Dispose();
}
