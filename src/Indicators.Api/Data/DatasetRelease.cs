using Dapper;
using Indicators.Api.Http;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace Indicators.Api.Data;

/// <summary>The release a database file serves: its content id and when it was built.</summary>
internal sealed record ReleaseStamp(string Id, DateTimeOffset BuiltAt);

/// <summary>
/// The release the service is serving, held in memory so that caching headers (and 304s) need no query.
/// The import swaps in a new database by renaming a new file over the old one; this notices within a
/// second by the file's identity (size and modification time, which a rename of a freshly built file
/// changes), then drops pooled connections (they still hold the old file open), re-reads the release,
/// and makes <see cref="KnownCodes"/> forget the old codes.
/// </summary>
internal sealed class DatasetRelease(
    IndicatorsDatabase database, KnownCodes codes, IOptions<CachingOptions> options, ILogger<DatasetRelease> logger)
{
    private readonly long _checkEveryMilliseconds = options.Value.ReleaseCheckMilliseconds;

    private readonly Lock _gate = new();
    private volatile ReleaseStamp? _current;
    private (long Length, DateTime Modified) _identity;
    private long _nextCheckAt;

    /// <summary>The release of the request in hand, set by the caching middleware; null outside a request.</summary>
    public static string? Of(HttpRequest request) => request.HttpContext.Features.Get<ReleaseStamp>()?.Id;

    /// <summary>The current release, re-read when the file changed since the last look (at most once a second).</summary>
    public ReleaseStamp Current()
    {
        var now = Environment.TickCount64;
        if (_current is { } current && now < Interlocked.Read(ref _nextCheckAt))
        {
            return current;
        }

        lock (_gate)
        {
            Interlocked.Exchange(ref _nextCheckAt, now + _checkEveryMilliseconds);
            var identity = IdentityOf(database.Path);
            if (_current is null || identity != _identity)
            {
                if (_current is not null)
                {
                    SqliteConnection.ClearAllPools();
                    codes.Invalidate();
                }

                _identity = identity;
                _current = Read();
                logger.LogInformation("Serving dataset release {Release} built {BuiltAt:O}", _current.Id, _current.BuiltAt);
            }

            return _current;
        }
    }

    private static (long, DateTime) IdentityOf(string path)
    {
        var file = new FileInfo(path);
        return file.Exists ? (file.Length, file.LastWriteTimeUtc) : (-1, default);
    }

    private ReleaseStamp Read()
    {
        using var connection = database.OpenAsync(CancellationToken.None).GetAwaiter().GetResult();
        var row = connection.QuerySingle<(string Id, string BuiltAt)>(
            "SELECT id AS Id, built_at AS BuiltAt FROM releases ORDER BY seq DESC LIMIT 1");
        return new ReleaseStamp(row.Id, DateTimeOffset.Parse(row.BuiltAt, System.Globalization.CultureInfo.InvariantCulture));
    }
}
