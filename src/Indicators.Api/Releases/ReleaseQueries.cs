using System.Data.Common;
using Dapper;
using Indicators.Api.Data;
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
    public static Task<(List<ReleaseRow> Rows, long Total)> ListAsync(
        DbConnection connection, PagePosition position, CancellationToken cancellationToken) =>
        PagedQuery.ReadAsync<ReleaseRow>(connection, Select, "r.seq DESC", "releases", position, cancellationToken);

    public static Task<ReleaseRow?> FindAsync(DbConnection connection, string id, CancellationToken cancellationToken) =>
        connection.QuerySingleOrDefaultAsync<ReleaseRow>(new CommandDefinition(
            $"{Select} WHERE r.id = @id", new { id }, cancellationToken: cancellationToken));

    public static Task<ReleaseRow> LatestAsync(DbConnection connection, CancellationToken cancellationToken) =>
        connection.QuerySingleAsync<ReleaseRow>(new CommandDefinition(
            $"{Select} ORDER BY r.seq DESC LIMIT 1", cancellationToken: cancellationToken));
}
