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
    // The full-text index drives: its matches and their bm25 scores are materialised first, then the page's
    // seqs are chosen from them (filters read from observations by rowid), and only that page is joined to
    // the names and citations. Left to the planner (a join or a flattened subquery) under the list's fixed
    // join order (observations first, see ObservationQueries.Select), MATCH ran once per row: a timeout at 100k
    // figures. Sorting every match with its whole row joined was the next cost: 850 ms p50 for q=nearly
    // (50k matches) at 1M, against about 70 ms for the page's seqs alone (bench/README.md).
    // bm25 weights per column: a word in the quote counts most, then the names, then the descriptions.
    // The index holds a row per version of a figure's words; search_versions says which figure version and
    // which releases it stands for, so the matches of other releases drop out before anything is joined.
    internal static readonly string Hits = $"""
        WITH hits AS MATERIALIZED (
            SELECT v.seq AS seq, f.score AS score
            FROM (SELECT rowid, bm25(observations_search, 4.0, 2.0, 1.0, 2.0, 1.0) AS score
                  FROM observations_search WHERE observations_search MATCH @Match) f
            CROSS JOIN search_versions v ON v.rowid = f.rowid AND {Validity.At("v")})
        """;

    // The filters' clauses name observations as o, so the matches drive and o is looked up by rowid.
    internal const string Matching = " FROM hits CROSS JOIN observations o ON o.seq = hits.seq";

    private static readonly string PageOfHits = ObservationQueries.Select.Replace(
        "FROM observations o", "FROM page CROSS JOIN observations o ON o.seq = page.seq", StringComparison.Ordinal);

    public static async Task<PagedList<ObservationResponse>> ListAsync(
        string q, ReleaseStamp release, ObservationQueries.Filter filter, PagePosition position, IndicatorsDatabase database,
        ObservationCounts counts, PublicUrls urls, HttpRequest httpRequest, CancellationToken cancellationToken)
    {
        // The validator has already accepted q, so Parse yields a match here.
        var match = SearchText.Parse(q).Match!;
        var offset = (long)(position.Page - 1) * position.PageSize;
        await using var connection = await database.OpenAsync(cancellationToken);
        var parameters = Parameters(filter, match, release);
        var rows = await PageAsync(connection, filter, parameters, position.PageSize + 1, offset, cancellationToken);
        var total = await counts.GetAsync(release.Id, filter, () => CountAsync(connection, filter, parameters, cancellationToken), match);
        var baseUrl = urls.Base(httpRequest);
        var page = rows.Take(position.PageSize).ToList();
        return new PagedList<ObservationResponse>
        {
            Items = page.Select(r => r.ToResponse(baseUrl, release.Id)).ToList(),
            Page = position.Page,
            PageSize = position.PageSize,
            Total = total,
            Release = release.Id,
            Links = new PageLinks
            {
                Self = urls.Permalink(httpRequest),
                Next = rows.Count > position.PageSize
                    ? urls.Permalink(httpRequest, new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
                    {
                        ["cursor"] = null,
                        ["page"] = (position.Page + 1).ToString(CultureInfo.InvariantCulture),
                    })
                    : null,
            },
        };
    }

    // Every filter value by name, so filters added to Filter later bind here without a change.
    private static DynamicParameters Parameters(ObservationQueries.Filter filter, string match, ReleaseStamp release)
    {
        var parameters = new DynamicParameters(filter);
        parameters.Add("Match", match);
        parameters.Add(Validity.Parameter, release.Seq);
        return parameters;
    }

    private static async Task<List<ObservationRow>> PageAsync(
        DbConnection connection, ObservationQueries.Filter filter, DynamicParameters parameters, int limit, long offset,
        CancellationToken cancellationToken)
    {
        var where = ObservationQueries.Where(filter, keyset: false);
        parameters.Add("Limit", limit);
        parameters.Add("Offset", offset);
        var sql = $"""
            {Hits},
            page AS MATERIALIZED (
                SELECT hits.seq AS seq, hits.score AS score{Matching}{where}
                ORDER BY hits.score, hits.seq LIMIT @Limit OFFSET @Offset)
            {PageOfHits} ORDER BY page.score, page.seq
            """;
        return (await connection.QueryAsync<ObservationRow>(new CommandDefinition(sql, parameters, cancellationToken: cancellationToken))).AsList();
    }

    private static Task<long> CountAsync(
        DbConnection connection, ObservationQueries.Filter filter, DynamicParameters parameters, CancellationToken cancellationToken) =>
        connection.ExecuteScalarAsync<long>(new CommandDefinition(
            $"{Hits}\nSELECT COUNT(*){Matching}{ObservationQueries.Where(filter, keyset: false)}", parameters,
            cancellationToken: cancellationToken));
}
