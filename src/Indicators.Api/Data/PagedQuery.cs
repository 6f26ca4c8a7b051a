using System.Data.Common;
using Dapper;
using Indicators.Api.Http;

namespace Indicators.Api.Data;

/// <summary>One page of a small reference table as a release holds it, and its row count, the same way for every such list.</summary>
internal static class PagedQuery
{
    /// <param name="select">The SELECT ... FROM of the rows (a constant of the caller); it may use @Release.</param>
    /// <param name="alias">The alias of the table in <paramref name="select"/>.</param>
    /// <param name="orderBy">The fixed ORDER BY expression that makes pages deterministic.</param>
    /// <param name="table">The table to count.</param>
    /// <param name="since">changedSince: only versions that began after this release.</param>
    public static async Task<(List<TRow> Rows, long Total)> ReadAsync<TRow>(
        DbConnection connection, ReleaseStamp release, string select, string alias, string orderBy, string table, PagePosition position,
        ReleaseStamp? since, CancellationToken cancellationToken)
    {
        var where = $" WHERE {Validity.At(alias)}{(since is null ? "" : $" AND {alias}.valid_from > @Since")}";
        var parameters = new { Release = release.Seq, Since = since?.Seq, Limit = position.PageSize + 1, position.Offset };
        var total = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            $"SELECT COUNT(*) FROM {table} {alias}{where}", parameters, cancellationToken: cancellationToken));
        // LIMIT pageSize + 1: the extra row tells whether a next page exists without a second query. Past the
        // last item (a changedSince list goes on with tombstones) there is nothing to read.
        var rows = position.Offset >= total
            ? []
            : (await connection.QueryAsync<TRow>(new CommandDefinition(
                $"{select}{where} ORDER BY {orderBy} LIMIT @Limit OFFSET @Offset", parameters, cancellationToken: cancellationToken))).AsList();
        return (rows, total);
    }
}
