using System.Data.Common;
using Dapper;
using Indicators.Api.Data;
using Indicators.Api.Http;

namespace Indicators.Api.Entities;

/// <summary>The SQL of the entities resource, for one release.</summary>
internal static class EntityQueries
{
    private static readonly string Select = $"""
        SELECT e.code AS Code, e.name AS Name, e.type AS Type, e.description AS Description,
               (SELECT COUNT(*) FROM observations o WHERE o.entity = e.code AND o.kind <> 'derived' AND {Validity.At("o")}) AS ObservationCount
        FROM entities e
        """;

    public static Task<(List<EntityRow> Rows, long Total)> ListAsync(
        DbConnection connection, ReleaseStamp release, PagePosition position, ReleaseStamp? since, CancellationToken cancellationToken) =>
        PagedQuery.ReadAsync<EntityRow>(connection, release, Select, "e", "e.code", "entities", position, since, cancellationToken);

    public static Task<EntityRow?> FindAsync(DbConnection connection, ReleaseStamp release, string code, CancellationToken cancellationToken) =>
        connection.QuerySingleOrDefaultAsync<EntityRow>(new CommandDefinition(
            $"{Select} WHERE e.code = @code AND {Validity.At("e")}", new { code, Release = release.Seq }, cancellationToken: cancellationToken));

    public static Task<List<Tombstone>> WithdrawnAsync(
        DbConnection connection, ReleaseStamp release, ReleaseStamp since, long offset, int limit, CancellationToken cancellationToken) =>
        Tombstones.ReadAsync(connection, "entity", "entities", "code", release, since, offset, limit, cancellationToken);
}
