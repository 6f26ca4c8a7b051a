using System.Data.Common;
using Dapper;
using Indicators.Api.Http;

namespace Indicators.Api.Releases;

internal static class ReleaseQueries
{
    private const string Select = """
        SELECT r.seq AS Seq, r.id AS Id, r.built_at AS BuiltAt, r.counts AS Counts, r.changelog AS Changelog,
               r.seq = (SELECT MAX(seq) FROM releases) AS IsCurrent
        FROM releases r
        """;

    /// <summary>Newest first: the release being served leads the list.</summary>
    public static async Task<(List<ReleaseRow> Rows, long Total)> ListAsync(
        DbConnection connection, PagePosition position, CancellationToken cancellationToken)
    {
        var rows = (await connection.QueryAsync<ReleaseRow>(new CommandDefinition(
            $"{Select} ORDER BY r.seq DESC LIMIT @Limit OFFSET @Offset",
            new { Limit = position.PageSize + 1, position.Offset }, cancellationToken: cancellationToken))).AsList();
        var total = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT COUNT(*) FROM releases", cancellationToken: cancellationToken));
        return (rows, total);
    }

    public static Task<ReleaseRow> LatestAsync(DbConnection connection, CancellationToken cancellationToken) =>
        connection.QuerySingleAsync<ReleaseRow>(new CommandDefinition(
            $"{Select} ORDER BY r.seq DESC LIMIT 1", cancellationToken: cancellationToken));
}
