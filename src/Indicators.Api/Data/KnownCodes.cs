using Dapper;

namespace Indicators.Api.Data;

/// <summary>
/// The codes the current database defines, held in memory so that a query naming an unknown indicator,
/// entity or source is told so (400) instead of getting a silently empty list.
/// </summary>
internal sealed class KnownCodes(IndicatorsDatabase database)
{
    private const string Sql = """
        SELECT 'indicator' AS Kind, code AS Code FROM indicators
        UNION ALL SELECT 'entity', code FROM entities
        UNION ALL SELECT 'source', id FROM sources
        """;

    private volatile Snapshot? _snapshot;

    public bool IsIndicator(string code) => Current().Indicators.Contains(code);

    public bool IsEntity(string code) => Current().Entities.Contains(code);

    public bool IsSource(string id) => Current().Sources.Contains(id);

    /// <summary>Forget the codes, so the next check reads the database again (after a new release).</summary>
    public void Invalidate() => _snapshot = null;

    private Snapshot Current()
    {
        if (_snapshot is { } snapshot)
        {
            return snapshot;
        }

        using var connection = database.OpenCurrentFile();
        var rows = connection.Query<(string Kind, string Code)>(Sql).ToList();
        HashSet<string> Of(string kind) => rows.Where(r => r.Kind == kind).Select(r => r.Code).ToHashSet(StringComparer.Ordinal);
        return _snapshot = new Snapshot(Of("indicator"), Of("entity"), Of("source"));
    }

    private sealed record Snapshot(HashSet<string> Indicators, HashSet<string> Entities, HashSet<string> Sources);
}
