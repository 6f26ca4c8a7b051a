using System.Data.Common;
using Dapper;
using Indicators.Api.Data;
using Indicators.Api.Http;

namespace Indicators.Api.Releases;

/// <summary>The releases, and what each changed, as a release knows them: those published up to it.</summary>
internal static class ReleaseQueries
{
    private const string Select = """
        SELECT r.seq AS Seq, r.id AS Id, r.published_at AS PublishedAt, r.built_at AS BuiltAt, r.counts AS Counts,
               r.changelog AS Changelog, r.manifest AS Manifest, r.seq = (SELECT MAX(seq) FROM releases) AS IsCurrent
        FROM releases r
        """;

    /// <summary>Newest first: the release read leads the list.</summary>
    public static async Task<(List<ReleaseRow> Rows, long Total)> ListAsync(
        DbConnection connection, ReleaseStamp release, PagePosition position, CancellationToken cancellationToken)
    {
        var parameters = new { Release = release.Seq, Limit = position.PageSize + 1, position.Offset };
        var rows = (await connection.QueryAsync<ReleaseRow>(new CommandDefinition(
            $"{Select} WHERE r.seq <= @Release ORDER BY r.seq DESC LIMIT @Limit OFFSET @Offset", parameters, cancellationToken: cancellationToken))).AsList();
        return (rows, release.Seq);
    }

    public static Task<ReleaseRow?> FindAsync(DbConnection connection, ReleaseStamp release, string id, CancellationToken cancellationToken) =>
        connection.QuerySingleOrDefaultAsync<ReleaseRow>(new CommandDefinition(
            $"{Select} WHERE r.id = @id AND r.seq <= @Release", new { id, Release = release.Seq }, cancellationToken: cancellationToken));

    /// <summary>Every release of the file, by seq: read on the connection whose rows name them, so the two always agree.</summary>
    public static async Task<Dictionary<int, ReleaseRef>> RefsAsync(DbConnection connection, CancellationToken cancellationToken) =>
        (await connection.QueryAsync<(long Seq, string Id, string? PublishedAt)>(new CommandDefinition(
            "SELECT seq AS Seq, id AS Id, published_at AS PublishedAt FROM releases", cancellationToken: cancellationToken)))
        .ToDictionary(r => (int)r.Seq, r => new ReleaseRef { Id = r.Id, Sequence = (int)r.Seq, PublishedAt = r.PublishedAt });

    /// <summary>The newest release the file holds.</summary>
    public static Task<ReleaseRow> NewestAsync(DbConnection connection, CancellationToken cancellationToken) =>
        connection.QuerySingleAsync<ReleaseRow>(new CommandDefinition($"{Select} ORDER BY r.seq DESC LIMIT 1", cancellationToken: cancellationToken));

    /// <summary>One page of what a release changed, figures first, then sources, indicators, entities, units and facts, each by id.</summary>
    public static async Task<(List<ChangeRow> Rows, long Total)> ChangesAsync(
        DbConnection connection, int releaseSeq, string? record, PagePosition position, CancellationToken cancellationToken)
    {
        var where = record is null ? "WHERE c.release = @Seq" : "WHERE c.release = @Seq AND c.record = @Record";
        var parameters = new { Seq = releaseSeq, Record = record, Limit = position.PageSize + 1, position.Offset };
        var rows = (await connection.QueryAsync<ChangeRow>(new CommandDefinition(
            $"""
            SELECT c.record AS Record, c.id AS Id, c.change AS Change, c.fields AS FieldsJson, c.reason AS Reason,
                   c.follows_from AS FollowsFrom, c.old_row AS OldRow, c.new_row AS NewRow,
                   COALESCE(n.source, p.source) AS FactSource
            FROM changes c
            LEFT JOIN facts n ON c.record = 'fact' AND n.vid = c.new_row
            LEFT JOIN facts p ON c.record = 'fact' AND p.vid = c.old_row
            {where} ORDER BY c.ord LIMIT @Limit OFFSET @Offset
            """, parameters, cancellationToken: cancellationToken))).AsList();
        var total = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            $"SELECT COUNT(*) FROM changes c {where}", parameters, cancellationToken: cancellationToken));
        return (rows, total);
    }
}

/// <summary>A changes row as SQLite returns it.</summary>
internal sealed class ChangeRow
{
    public string Record { get; init; } = "";
    public string Id { get; init; } = "";
    public string Change { get; init; } = "";
    public string FieldsJson { get; init; } = "[]";
    public string? Reason { get; init; }
    public string? FollowsFrom { get; init; }
    public long? OldRow { get; init; }
    public long? NewRow { get; init; }
    public string? FactSource { get; init; }
}
