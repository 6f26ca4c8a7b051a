using System.Data.Common;
using Dapper;
using Indicators.Api.Data;
using Microsoft.Extensions.Caching.Memory;

namespace Indicators.Api.Observations;

/// <summary>One value of a facet: its code, its name and how many figures of the list have it.</summary>
internal sealed record FacetValue(string Code, string Name, long Count);

/// <summary>The facets of a list of figures: how many of them fall under each indicator, entity, kind, qualifier and source.</summary>
internal sealed record ObservationFacetCounts(
    IReadOnlyList<FacetValue> Indicator, IReadOnlyList<FacetValue> Entity, IReadOnlyList<FacetValue> Kind,
    IReadOnlyList<FacetValue> Qualifier, IReadOnlyList<FacetValue> Source);

/// <summary>
/// Facet counts for the search page, under the same filter clauses (and full-text match) as the list itself, so
/// a facet's count is the total its link will show. Counting groups over every matching figure is the one part
/// of the page whose cost grows with the data; the data changes only with a release, so counts are cached per
/// release, filter and match (bounded in entries, like <see cref="ObservationCounts"/>).
/// </summary>
internal sealed class ObservationFacets : IDisposable
{
    public const int MaxFilters = 2_000;

    /// <summary>The most values a facet lists (the largest first); the rest are reached by searching.</summary>
    public const int MaxValues = 30;

    private readonly MemoryCache _cache = new(new MemoryCacheOptions { SizeLimit = MaxFilters });

    // The matching figures' facet columns once, then one GROUP BY each; names are joined to the groups only.
    private static readonly string Groups = $$"""
        m AS MATERIALIZED (SELECT o.indicator AS indicator, o.entity AS entity, o.kind AS kind, o.qualifier AS qualifier, o.source AS source{0}{1}),
        f AS (
            SELECT 'indicator' AS Facet, indicator AS Code, COUNT(*) AS Count FROM m GROUP BY indicator
            UNION ALL SELECT 'entity', entity, COUNT(*) FROM m GROUP BY entity
            UNION ALL SELECT 'kind', kind, COUNT(*) FROM m GROUP BY kind
            UNION ALL SELECT 'qualifier', qualifier, COUNT(*) FROM m GROUP BY qualifier
            UNION ALL SELECT 'source', source, COUNT(*) FROM m GROUP BY source)
        SELECT f.Facet AS Facet, f.Code AS Code, COALESCE(i.name, e.name, s.title, f.Code) AS Name, f.Count AS Count
        FROM f
        LEFT JOIN indicators i ON f.Facet = 'indicator' AND i.code = f.Code AND {{Validity.At("i")}}
        LEFT JOIN entities e ON f.Facet = 'entity' AND e.code = f.Code AND {{Validity.At("e")}}
        LEFT JOIN sources s ON f.Facet = 'source' AND s.id = f.Code AND {{Validity.At("s")}}
        ORDER BY f.Facet, f.Count DESC, f.Code
        """;

    public async Task<ObservationFacetCounts> GetAsync(
        ReleaseStamp release, ObservationQueries.Filter filter, string? q, IndicatorsDatabase database, CancellationToken cancellationToken)
    {
        var match = q is null ? null : SearchText.Parse(q).Match;
        var key = (release.Id, filter, match);
        if (_cache.TryGetValue(key, out ObservationFacetCounts? cached) && cached is not null)
        {
            return cached;
        }

        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await ReadAsync(connection, release, filter, match, cancellationToken);
        var counts = new ObservationFacetCounts(Of(rows, "indicator"), Of(rows, "entity"), Of(rows, "kind"), Of(rows, "qualifier"), Of(rows, "source"));
        _cache.Set(key, counts, new MemoryCacheEntryOptions { Size = 1 });
        return counts;
    }

    private static async Task<List<FacetRow>> ReadAsync(
        DbConnection connection, ReleaseStamp release, ObservationQueries.Filter filter, string? match, CancellationToken cancellationToken)
    {
        var where = ObservationQueries.Where(filter, keyset: false);
        var parameters = new DynamicParameters(filter);
        parameters.Add(Validity.Parameter, release.Seq);
        string sql;
        if (match is null)
        {
            sql = "WITH " + string.Format(System.Globalization.CultureInfo.InvariantCulture, Groups, " FROM observations o", where);
        }
        else
        {
            parameters.Add("Match", match);
            sql = ObservationSearch.Hits + ",\n" + string.Format(System.Globalization.CultureInfo.InvariantCulture, Groups, ObservationSearch.Matching, where);
        }

        return (await connection.QueryAsync<FacetRow>(new CommandDefinition(sql, parameters, cancellationToken: cancellationToken))).AsList();
    }

    private static List<FacetValue> Of(List<FacetRow> rows, string facet) => rows
        .Where(r => r.Facet == facet)
        .Take(MaxValues)
        .Select(r => new FacetValue(r.Code, r.Name, r.Count))
        .ToList();

    public void Clear() => _cache.Clear();

    public void Dispose() => _cache.Dispose();

    private sealed class FacetRow
    {
        public string Facet { get; init; } = "";
        public string Code { get; init; } = "";
        public string Name { get; init; } = "";
        public long Count { get; init; }
    }
}
