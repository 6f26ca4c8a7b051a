using System.Data.Common;
using Dapper;
using Indicators.Api.Data;
using Indicators.Api.Http;

namespace Indicators.Api.Sources;

/// <summary>The SQL of the sources resource, for one release.</summary>
internal static class SourceQueries
{
    // SQLite's length() counts characters (code points) of TEXT, the unit citation offsets use.
    private static readonly string Select = $"""
        SELECT s.id AS Id, s.title AS Title, s.standfirst AS Standfirst, s.author AS Author, s.published_on AS PublishedOn,
               s.publisher AS Publisher, s.url AS Url, s.licence AS Licence, length(s.text) AS Length,
               (SELECT COUNT(*) FROM observations o WHERE o.source = s.id AND o.kind <> 'derived' AND {Validity.At("o")}) AS ObservationCount
        FROM sources s
        """;

    private static readonly string Facts = $"""
        SELECT f.source AS Source, f.fact AS Fact, f.title AS Title, f.author AS Author, f.publisher AS Publisher,
               f.published_on AS PublishedOn, f.url AS Url, f.established_by AS EstablishedBy, f.established_on AS EstablishedOn, f.how AS How
        FROM facts f WHERE {Validity.At("f")}
        """;

    public static async Task<(List<SourceRow> Rows, long Total)> ListAsync(
        DbConnection connection, ReleaseStamp release, PagePosition position, ReleaseStamp? since, CancellationToken cancellationToken)
    {
        var (rows, total) = await PagedQuery.ReadAsync<SourceRow>(connection, release, Select, "s", "s.id", "sources", position, since, cancellationToken);
        var facts = (await connection.QueryAsync<PublicationRow>(new CommandDefinition(
            $"{Facts} ORDER BY f.source, f.id", new { Release = release.Seq }, cancellationToken: cancellationToken))).ToLookup(f => f.Source);
        return (rows.Select(r => r with { Facts = facts[r.Id].ToList() }).ToList(), total);
    }

    public static async Task<SourceRow?> FindAsync(DbConnection connection, ReleaseStamp release, string id, CancellationToken cancellationToken)
    {
        var row = await connection.QuerySingleOrDefaultAsync<SourceRow>(new CommandDefinition(
            $"{Select} WHERE s.id = @id AND {Validity.At("s")}", new { id, Release = release.Seq }, cancellationToken: cancellationToken));
        return row is null ? null : row with { Facts = await FactsAsync(connection, release, id, cancellationToken) };
    }

    /// <summary>What curators established about the source outside its text, as the release holds it (where else it was published ...).</summary>
    public static async Task<List<PublicationRow>> FactsAsync(DbConnection connection, ReleaseStamp release, string source, CancellationToken cancellationToken) =>
        (await connection.QueryAsync<PublicationRow>(new CommandDefinition(
            $"{Facts} AND f.source = @source ORDER BY f.id", new { source, Release = release.Seq }, cancellationToken: cancellationToken))).AsList();

    public static Task<string?> TextAsync(DbConnection connection, ReleaseStamp release, string id, CancellationToken cancellationToken) =>
        connection.QuerySingleOrDefaultAsync<string?>(new CommandDefinition(
            $"SELECT s.text FROM sources s WHERE s.id = @id AND {Validity.At("s")}", new { id, Release = release.Seq }, cancellationToken: cancellationToken));

    public static Task<List<Tombstone>> WithdrawnAsync(
        DbConnection connection, ReleaseStamp release, ReleaseStamp since, long offset, int limit, CancellationToken cancellationToken) =>
        Tombstones.ReadAsync(connection, "source", "sources", "id", release, since, offset, limit, cancellationToken);
}
