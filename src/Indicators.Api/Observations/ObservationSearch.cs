using System.Data.Common;
using System.Globalization;
using Dapper;
using Indicators.Api.Data;
using Indicators.Api.Http;

namespace Indicators.Api.Observations;

/// <summary>
/// The q= list: the same filters as the plain list, ranked by relevance (bm25) instead of reading order.
/// A ranked list has no stable keyset, so it pages by number and links.next carries page, not a cursor.
/// </summary>
internal static class ObservationSearch
{
    // The full-text index drives: its matches and their bm25 scores are materialised first, then the
    // observations are looked up by seq. Left to the planner (a join or a flattened subquery) under the
    // list's fixed join order (observations first, see ObservationQueries.Select), MATCH ran once per row:
    // 35 ms at 1k figures, a timeout at 100k; materialised, 13 ms at 100k.
    // bm25 weights per column: a word in the quote counts most, then the names, then the descriptions.
    private const string Hits = """
        WITH hits AS MATERIALIZED (
            SELECT rowid AS seq, bm25(observations_search, 4.0, 2.0, 1.0, 2.0, 1.0) AS score
            FROM observations_search WHERE observations_search MATCH @Match)
        """;

    private const string JoinHits = " JOIN hits ON hits.seq = o.seq";

    private const string Rank = "hits.score, o.seq";

    public static async Task<PagedList<ObservationResponse>> ListAsync(
        string q, ObservationQueries.Filter filter, PagePosition position, IndicatorsDatabase database, PublicUrls urls,
        HttpRequest httpRequest, CancellationToken cancellationToken)
    {
        // The validator has already accepted q, so Parse yields a match here.
        var match = SearchText.Parse(q).Match!;
        var offset = (long)(position.Page - 1) * position.PageSize;
        await using var connection = await database.OpenAsync(cancellationToken);
        var (rows, total) = await QueryAsync(connection, filter, match, position.PageSize + 1, offset, cancellationToken);
        var baseUrl = urls.Base(httpRequest);
        var page = rows.Take(position.PageSize).ToList();
        return new PagedList<ObservationResponse>
        {
            Items = page.Select(r => r.ToResponse(baseUrl)).ToList(),
            Page = position.Page,
            PageSize = position.PageSize,
            Total = total,
            Links = new PageLinks
            {
                Self = urls.Self(httpRequest),
                Next = rows.Count > position.PageSize
                    ? urls.WithQuery(httpRequest, new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
                    {
                        ["cursor"] = null,
                        ["page"] = (position.Page + 1).ToString(CultureInfo.InvariantCulture),
                    })
                    : null,
            },
        };
    }

    private static async Task<(List<ObservationRow> Rows, long Total)> QueryAsync(
        DbConnection connection, ObservationQueries.Filter filter, string match, int limit, long offset,
        CancellationToken cancellationToken)
    {
        var where = ObservationQueries.Where(filter, keyset: false);
        var matching = JoinHits + where;
        // Every filter value by name, so filters added to Filter later bind here without a change.
        var parameters = new DynamicParameters(filter);
        parameters.Add("Match", match);
        parameters.Add("Limit", limit);
        parameters.Add("Offset", offset);
        var rows = (await connection.QueryAsync<ObservationRow>(new CommandDefinition(
            $"{Hits}\n{ObservationQueries.Select}{matching} ORDER BY {Rank} LIMIT @Limit OFFSET @Offset", parameters,
            cancellationToken: cancellationToken))).AsList();
        var total = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            $"{Hits}\nSELECT COUNT(*) FROM observations o{matching}", parameters, cancellationToken: cancellationToken));
        return (rows, total);
    }
}
