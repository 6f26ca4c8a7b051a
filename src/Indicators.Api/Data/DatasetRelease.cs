using Dapper;
using Indicators.Api.Http;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace Indicators.Api.Data;

/// <summary>The release a database file serves: its content id and when it was built.</summary>
internal sealed record ReleaseStamp(string Id, DateTimeOffset BuiltAt);

/// <summary>
/// The release the service is serving, held in memory so that caching headers (and 304s) need no query.
/// The import swaps in a new database by renaming a new file over the old one; this notices by the file's
/// identity (size and modification time, which a rename of a freshly built file changes), looked at on
/// each request (a stat, see <see cref="CachingOptions.ReleaseCheckMilliseconds"/>). On a change it drops
/// pooled connections (they still hold the old file open), re-reads the release, and makes
/// <see cref="KnownCodes"/> forget the old codes.
/// </summary>
internal sealed class DatasetRelease(
    IndicatorsDatabase database, KnownCodes codes, IOptions<CachingOptions> options, ILogger<DatasetRelease> logger)
{
    private readonly long _checkEveryMilliseconds = options.Value.ReleaseCheckMilliseconds;

    private readonly Lock _gate = new();
    private volatile Loaded? _loaded;
    private long _nextCheckAt;

    /// <summary>The release of the request in hand, set by the caching middleware; null outside a request.</summary>
    public static string? Of(HttpRequest request) => request.HttpContext.Features.Get<ReleaseStamp>()?.Id;

    /// <summary>The current release, re-read when the database file changed since the last look.</summary>
    public ReleaseStamp Current()
    {
        var loaded = _loaded;
        var now = Environment.TickCount64;
        if (loaded is not null && now < Volatile.Read(ref _nextCheckAt))
        {
            return loaded.Stamp;
        }

        Volatile.Write(ref _nextCheckAt, now + _checkEveryMilliseconds);
        // The common case is a stat that finds the same file: no lock, no query.
        var identity = FileIdentity.Of(database.Path);
        if (loaded is not null && identity == loaded.Identity)
        {
            return loaded.Stamp;
        }

        lock (_gate)
        {
            loaded = _loaded;
            if (loaded is not null && identity == loaded.Identity)
            {
                return loaded.Stamp;
            }

            if (loaded is not null)
            {
                SqliteConnection.ClearAllPools();
                codes.Invalidate();
            }

            // Identity first, then the read: a swap in between is caught by the next look, never missed.
            _loaded = loaded = new Loaded(Read(), identity);
            logger.LogInformation("Serving dataset release {Release} built {BuiltAt:O}", loaded.Stamp.Id, loaded.Stamp.BuiltAt);
            return loaded.Stamp;
        }
    }

    /// <summary>
    /// Whether the file is still the one <paramref name="stamp"/> was read from (a fresh stat). False means a
    /// new release was swapped in while a request ran, so its data may come from either file.
    /// </summary>
    public bool IsStillServing(ReleaseStamp stamp) =>
        _loaded is { } loaded && ReferenceEquals(loaded.Stamp, stamp) && FileIdentity.Of(database.Path) == loaded.Identity;

    private sealed record Loaded(ReleaseStamp Stamp, FileIdentity Identity);

    /// <summary>What changes when the import renames a new file into place (.NET exposes no inode number).</summary>
    private readonly record struct FileIdentity(long Length, DateTime Modified)
    {
        public static FileIdentity Of(string path)
        {
            var file = new FileInfo(path);
            return file.Exists ? new(file.Length, file.LastWriteTimeUtc) : new(-1, default);
        }
    }

    private ReleaseStamp Read()
    {
        using var connection = database.OpenCurrentFile();
        var row = connection.QuerySingle<(string Id, string BuiltAt)>(
            "SELECT id AS Id, built_at AS BuiltAt FROM releases ORDER BY seq DESC LIMIT 1");
        return new ReleaseStamp(row.Id, DateTimeOffset.Parse(row.BuiltAt, System.Globalization.CultureInfo.InvariantCulture));
    }
}
