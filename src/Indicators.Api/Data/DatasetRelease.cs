using System.Globalization;
using Dapper;
using Indicators.Api.Http;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace Indicators.Api.Data;

/// <summary>
/// A release the database holds: what a request reads when it names it (<c>release=</c>, <c>asOf=</c>) or, for
/// the current one, when it names none. Every query takes one, so a page, a chart or a protocol handler pins
/// its figures to a release by passing it (<see cref="DatasetRelease.Of"/> gives the request's).
/// </summary>
/// <param name="Id">The release id: the first 16 hex digits of the SHA-256 of its manifest.</param>
/// <param name="Seq">Its place in publication order, from 1 (the corrections log names releases by it); what SQL filters on.</param>
/// <param name="PublishedAt">When it was published (UTC), or null for the data folder's release, unpublished.</param>
/// <param name="BuiltAt">Its publication time, or when the unpublished release was first built.</param>
/// <param name="IsCurrent">Whether it is the release served when a request names none (the newest).</param>
internal sealed record ReleaseStamp(string Id, int Seq, DateTimeOffset? PublishedAt, DateTimeOffset BuiltAt, bool IsCurrent)
{
    public bool IsPublished => PublishedAt is not null;

    /// <summary>What its answers give as Last-Modified: nothing it holds changes after it is published.</summary>
    public DateTimeOffset LastModified => PublishedAt ?? BuiltAt;
}

/// <summary>
/// The releases the service is serving, held in memory so that caching headers (and 304s) need no query.
/// The import swaps in a new database by renaming a new file over the old one; this notices by the file's
/// identity (size and modification time, which a rename of a freshly built file changes), looked at on
/// each request (a stat, see <see cref="CachingOptions.ReleaseCheckMilliseconds"/>). On a change it drops
/// pooled connections (they still hold the old file open), re-reads the releases, and makes
/// <see cref="KnownCodes"/> forget the old codes.
/// </summary>
internal sealed class DatasetRelease(
    IndicatorsDatabase database, KnownCodes codes, IOptions<CachingOptions> options, ILogger<DatasetRelease> logger)
{
    public const string ReleaseParameter = "release";
    public const string AsOfParameter = "asOf";

    /// <summary>The shortest prefix of an id a request may give (as people quote git commits).</summary>
    public const int ShortestPrefix = 8;

    private readonly long _checkEveryMilliseconds = options.Value.ReleaseCheckMilliseconds;

    private readonly Lock _gate = new();
    private volatile Loaded? _loaded;
    private long _nextCheckAt;

    /// <summary>The release the request in hand reads (the one it named, else the current one), set by <see cref="HttpCaching.UseReleaseStamp"/>.</summary>
    public static ReleaseStamp Of(HttpRequest request) =>
        request.HttpContext.Features.Get<ReleaseStamp>()
        ?? throw new InvalidOperationException("No release for this request: UseReleaseStamp runs before anything that reads figures.");

    /// <summary>The current release, re-read when the database file changed since the last look.</summary>
    public ReleaseStamp Current() => Load().Current;

    /// <summary>Every release the database holds, oldest first.</summary>
    public IReadOnlyList<ReleaseStamp> All() => Load().Releases;

    /// <summary>
    /// The release a request names with <c>release</c> (an id, or a unique prefix of at least 8 hex digits) or
    /// <c>asOf</c> (a date, meaning the end of that UTC day, or a date-time with its offset: the last release
    /// published by then), else the current one; or the problems, keyed by the parameter as sent.
    /// </summary>
    public (ReleaseStamp? Release, Dictionary<string, string[]>? Errors) Resolve(IQueryCollection query)
    {
        var loaded = Load();
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        foreach (var name in new[] { ReleaseParameter, AsOfParameter })
        {
            if (query.TryGetValue(name, out var values) && values.Count > 1)
            {
                errors[name] = [$"'{name}' was given {values.Count} times; give it once."];
            }
        }

        var release = query.TryGetValue(ReleaseParameter, out var r) ? r.ToString() : null;
        var asOf = query.TryGetValue(AsOfParameter, out var a) ? a.ToString() : null;
        if (errors.Count == 0 && release is not null && asOf is not null)
        {
            const string both = "Give either 'release' or 'asOf', not both: release names a release, asOf picks the one published at a moment.";
            errors[ReleaseParameter] = [both];
            errors[AsOfParameter] = [both];
        }

        if (errors.Count > 0)
        {
            return (null, errors);
        }

        if (release is not null)
        {
            var (found, error) = loaded.Find(release);
            return found is null ? (null, new() { [ReleaseParameter] = [error!] }) : (found, null);
        }

        if (asOf is not null)
        {
            var (found, error) = loaded.AsOf(asOf);
            return found is null ? (null, new() { [AsOfParameter] = [error!] }) : (found, null);
        }

        return (loaded.Current, null);
    }

    /// <summary>The release with this full id, or null.</summary>
    public ReleaseStamp? Find(string id) => Load().ById.GetValueOrDefault(id);

    /// <summary>The release a client names by id or unique prefix (as <c>release=</c> takes it), or why there is none.</summary>
    public (ReleaseStamp? Release, string? Error) FindNamed(string given) => Load().Find(given);

    /// <summary>The release with this seq, or null.</summary>
    public ReleaseStamp? BySeq(int seq) => Load().Releases.ElementAtOrDefault(seq - 1);

    /// <summary>
    /// Whether the file is still the one <paramref name="stamp"/> was read from (a fresh stat). False means a
    /// new database was swapped in while a request ran, so its data may come from either file.
    /// </summary>
    public bool IsStillServing(ReleaseStamp stamp) =>
        _loaded is { } loaded && ReferenceEquals(loaded.ById.GetValueOrDefault(stamp.Id), stamp) && FileIdentity.Of(database.Path) == loaded.Identity;

    private Loaded Load()
    {
        var loaded = _loaded;
        var now = Environment.TickCount64;
        if (loaded is not null && now < Volatile.Read(ref _nextCheckAt))
        {
            return loaded;
        }

        Volatile.Write(ref _nextCheckAt, now + _checkEveryMilliseconds);
        // The common case is a stat that finds the same file: no lock, no query.
        var identity = FileIdentity.Of(database.Path);
        if (loaded is not null && identity == loaded.Identity)
        {
            return loaded;
        }

        lock (_gate)
        {
            loaded = _loaded;
            if (loaded is not null && identity == loaded.Identity)
            {
                return loaded;
            }

            if (loaded is not null)
            {
                SqliteConnection.ClearAllPools();
                codes.Invalidate();
            }

            // Identity first, then the read: a swap in between is caught by the next look, never missed.
            _loaded = loaded = new Loaded(Read(), identity);
            logger.LogInformation("Serving dataset release {Release} (release {Seq} of {Count}) built {BuiltAt:O}",
                loaded.Current.Id, loaded.Current.Seq, loaded.Releases.Count, loaded.Current.BuiltAt);
            return loaded;
        }
    }

    private sealed class Loaded
    {
        public Loaded(List<ReleaseStamp> releases, FileIdentity identity)
        {
            Releases = releases;
            Identity = identity;
            Current = releases[^1];
            ById = releases.ToDictionary(r => r.Id, StringComparer.Ordinal);
        }

        public List<ReleaseStamp> Releases { get; }

        public FileIdentity Identity { get; }

        public ReleaseStamp Current { get; }

        public Dictionary<string, ReleaseStamp> ById { get; }

        public (ReleaseStamp?, string?) Find(string given)
        {
            var id = given.Trim().ToLowerInvariant();
            if (id.Length is < ShortestPrefix or > 16 || !id.All(char.IsAsciiHexDigitLower))
            {
                return (null, $"'{given}' is not a release id: give its 16 hex digits (or at least the first {ShortestPrefix}), as X-Dataset-Release and /v1/releases show them.");
            }

            var matches = Releases.Where(r => r.Id.StartsWith(id, StringComparison.Ordinal)).ToList();
            return matches.Count switch
            {
                1 => (matches[0], null),
                0 => (null, $"'{given}' is not a release of this dataset; see /v1/releases for them all."),
                _ => (null, $"'{given}' begins {matches.Count} release ids; give more of the id (all 16 digits never fail)."),
            };
        }

        public (ReleaseStamp?, string?) AsOf(string given)
        {
            if (!ReleaseMoments.TryParse(given, out var moment))
            {
                return (null, $"'{given}' is not a date (yyyy-MM-dd, meaning the end of that UTC day) or a date-time with its offset (2026-11-23T18:00:00Z).");
            }

            var published = Releases.Where(r => r.PublishedAt is { } at && at <= moment).LastOrDefault();
            var first = Releases.FirstOrDefault(r => r.IsPublished);
            return published is not null
                ? (published, null)
                : (null, first is null
                    ? "No release of this dataset is published yet."
                    : $"'{given}' is before the first release, published {first.PublishedAt!.Value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)}.");
        }
    }

    /// <summary>What changes when the import renames a new file into place (.NET exposes no inode number).</summary>
    private readonly record struct FileIdentity(long Length, DateTime Modified)
    {
        public static FileIdentity Of(string path)
        {
            var file = new FileInfo(path);
            return file.Exists ? new(file.Length, file.LastWriteTimeUtc) : new(-1, default);
        }
    }

    private List<ReleaseStamp> Read()
    {
        using var connection = database.OpenCurrentFile();
        var rows = connection.Query<(long Seq, string Id, string? PublishedAt, string BuiltAt)>(
            "SELECT seq AS Seq, id AS Id, published_at AS PublishedAt, built_at AS BuiltAt FROM releases ORDER BY seq").ToList();
        return rows.Select((r, i) => new ReleaseStamp(
            r.Id, (int)r.Seq, r.PublishedAt is null ? null : Parse(r.PublishedAt), Parse(r.BuiltAt), i == rows.Count - 1)).ToList();
    }

    private static DateTimeOffset Parse(string time) => DateTimeOffset.Parse(time, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
}

/// <summary>The moments asOf accepts: a date (the end of that UTC day) or an RFC 3339 date-time with Z or an offset.</summary>
internal static partial class ReleaseMoments
{
    [System.Text.RegularExpressions.GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,7})?)?(Z|[+-]\d{2}:\d{2})$")]
    private static partial System.Text.RegularExpressions.Regex DateTimePattern();

    public static bool TryParse(string value, out DateTimeOffset moment)
    {
        if (value.Length == 10 && DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            moment = new DateTimeOffset(date.ToDateTime(TimeOnly.MaxValue), TimeSpan.Zero);
            return true;
        }

        moment = default;
        return DateTimePattern().IsMatch(value)
               && DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.None, out moment);
    }
}
