using System.Data.Common;
using Dapper;
using Indicators.Api.Http;

namespace Indicators.Api.Data;

/// <summary>One page of a small reference table and its row count, the same way for every such list.</summary>
internal static class PagedQuery
{
    /// <param name="select">The SELECT ... FROM of the rows (a constant of the caller).</param>
    /// <param name="orderBy">The fixed ORDER BY expression that makes pages deterministic.</param>
    /// <param name="table">The table to count.</param>
    public static async Task<(List<TRow> Rows, long Total)> ReadAsync<TRow>(
        DbConnection connection, string select, string orderBy, string table, PagePosition position,
        CancellationToken cancellationToken)
    {
        // LIMIT pageSize + 1: the extra row tells whether a next page exists without a second query.
        var rows = (await connection.QueryAsync<TRow>(new CommandDefinition(
            $"{select} ORDER BY {orderBy} LIMIT @Limit OFFSET @Offset",
            new { Limit = position.PageSize + 1, position.Offset }, cancellationToken: cancellationToken))).AsList();
        var total = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            $"SELECT COUNT(*) FROM {table}", cancellationToken: cancellationToken));
        return (rows, total);
    }
}
