using Dapper;

namespace Indicators.Api.Data;

/// <summary>
/// The codes each release defines, held in memory so that a query naming an unknown indicator, entity or
/// source is told so (400) instead of getting a silently empty list. A code is known to the releases that
/// hold it: a figure list pinned to an old release accepts that release's codes.
/// </summary>
internal sealed class KnownCodes(IndicatorsDatabase database)
{
    private static readonly string Sql = $"""
        SELECT 'indicator' AS Kind, code AS Code FROM indicators i WHERE {Validity.At("i")}
        UNION ALL SELECT 'entity', code FROM entities e WHERE {Validity.At("e")}
        UNION ALL SELECT 'source', id FROM sources s WHERE {Validity.At("s")}
        """;

    private volatile Dictionary<int, Snapshot> _snapshots = [];

    public bool IsIndicator(ReleaseStamp release, string code) => Of(release).Indicators.Contains(code);

    public bool IsEntity(ReleaseStamp release, string code) => Of(release).Entities.Contains(code);

    public bool IsSource(ReleaseStamp release, string id) => Of(release).Sources.Contains(id);

    /// <summary>Forget the codes, so the next check reads the database again (after a new database file).</summary>
    public void Invalidate() => _snapshots = [];

    private Snapshot Of(ReleaseStamp release)
    {
        var snapshots = _snapshots;
        if (snapshots.TryGetValue(release.Seq, out var snapshot))
        {
            return snapshot;
        }

        using var connection = database.OpenCurrentFile();
        var rows = connection.Query<(string Kind, string Code)>(Sql, new { Release = release.Seq }).ToList();
        HashSet<string> Of(string kind) => rows.Where(r => r.Kind == kind).Select(r => r.Code).ToHashSet(StringComparer.Ordinal);
        snapshot = new Snapshot(Of("indicator"), Of("entity"), Of("source"));
        // Copy on write: readers never lock, and there are only as many snapshots as releases.
        _snapshots = new Dictionary<int, Snapshot>(snapshots) { [release.Seq] = snapshot };
        return snapshot;
    }

    private sealed record Snapshot(HashSet<string> Indicators, HashSet<string> Entities, HashSet<string> Sources);
}
