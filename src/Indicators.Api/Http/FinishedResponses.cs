using System.Collections.Concurrent;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;

namespace Indicators.Api.Http;

/// <summary>
/// A finished 200 answer: its body and the headers it was sent with, and what a later request needs to answer from
/// it (its validators, when it was stored). Headers that belong to one request (its id, Date, CORS, the release
/// stamp's header) are not part of it: the pipeline writes those for every request.
/// </summary>
internal sealed class FinishedResponse
{
    public FinishedResponse(byte[] body, KeyValuePair<string, StringValues>[] headers, long storedAt)
    {
        Body = body;
        Headers = headers;
        StoredAt = storedAt;
        foreach (var (name, value) in headers)
        {
            if (name.Equals(HeaderNames.ETag, StringComparison.OrdinalIgnoreCase) && EntityTagHeaderValue.TryParse(value.ToString(), out var etag))
            {
                ETag = etag;
            }
            else if (name.Equals(HeaderNames.LastModified, StringComparison.OrdinalIgnoreCase)
                     && Microsoft.Net.Http.Headers.HeaderUtilities.TryParseDate(value.ToString(), out var lastModified))
            {
                LastModified = lastModified;
            }

            Size += name.Length + value.ToString().Length;
        }

        Size += body.Length + FixedCost;
    }

    /// <summary>What an entry costs besides its body and headers: the objects that hold it and its key.</summary>
    private const int FixedCost = 512;

    public byte[] Body { get; }

    public KeyValuePair<string, StringValues>[] Headers { get; }

    public EntityTagHeaderValue? ETag { get; }

    public DateTimeOffset? LastModified { get; }

    /// <summary>When it was stored (Environment.TickCount64).</summary>
    public long StoredAt { get; }

    /// <summary>Bytes it holds, roughly: what the table's size limit counts.</summary>
    public long Size { get; }

    /// <summary>When a request last used it (Environment.TickCount64): the least recently used go first.</summary>
    public long LastUsed { get; set; }
}

/// <summary>
/// The finished answers of this process, keyed by release, representation and request: every answer is fixed by
/// those (the data is immutable within a release), so a repeated GET is written from memory with no work but the
/// pipeline's own. Bounded: past <see cref="ResponseCache.SizeLimitBytes"/> the least recently used quarter goes.
/// </summary>
internal sealed class FinishedResponses
{
    private readonly ConcurrentDictionary<ResponseKey, FinishedResponse> _entries = new();
    private readonly Lock _eviction = new();
    private readonly long _sizeLimit;
    private long _size;

    public FinishedResponses(long sizeLimit = ResponseCache.SizeLimitBytes) => _sizeLimit = sizeLimit;

    public int Count => _entries.Count;

    public long Size => Interlocked.Read(ref _size);

    public bool TryGet(in ResponseKey key, long now, long lifetime, out FinishedResponse response)
    {
        if (_entries.TryGetValue(key, out response!))
        {
            if (now - response.StoredAt < lifetime)
            {
                response.LastUsed = now;
                return true;
            }

            Remove(key, response);
        }

        return false;
    }

    public void Add(in ResponseKey key, FinishedResponse response)
    {
        if (response.Size > _sizeLimit / 4)
        {
            return;
        }

        response.LastUsed = response.StoredAt;
        // When two requests computed the same answer at once, the first one stored stays.
        if (_entries.TryAdd(key, response) && Interlocked.Add(ref _size, response.Size) > _sizeLimit)
        {
            Evict();
        }
    }

    /// <summary>Forgets every answer (a new release was opened: none of them can be asked for again).</summary>
    public void Clear()
    {
        foreach (var (key, response) in _entries)
        {
            Remove(key, response);
        }
    }

    private void Remove(ResponseKey key, FinishedResponse response)
    {
        if (_entries.TryRemove(new KeyValuePair<ResponseKey, FinishedResponse>(key, response)))
        {
            Interlocked.Add(ref _size, -response.Size);
        }
    }

    // Down to three quarters of the limit, least recently used first: one sort for every quarter of the table's
    // churn, so a stream of unique URLs (a cache-buster, a crawler) costs a few comparisons per request.
    private void Evict()
    {
        if (!_eviction.TryEnter())
        {
            return;
        }

        try
        {
            var target = _sizeLimit * 3 / 4;
            foreach (var (key, response) in _entries.ToArray().OrderBy(e => e.Value.LastUsed))
            {
                if (Interlocked.Read(ref _size) <= target)
                {
                    break;
                }

                Remove(key, response);
            }
        }
        finally
        {
            _eviction.Exit();
        }
    }
}

/// <summary>
/// What an answer depends on: the release it was read from, the representation negotiated (<see cref="Representation"/>),
/// and the path and query string, with the scheme, host and path base its absolute links are written against.
/// </summary>
internal readonly record struct ResponseKey(string Release, string Representation, string Scheme, string Host, string PathBase, string Path, string Query);
