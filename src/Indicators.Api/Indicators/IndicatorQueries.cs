using System.Data.Common;
using Dapper;
using Indicators.Api.Data;
using Indicators.Api.Http;

namespace Indicators.Api.Indicators;

/// <summary>The SQL of the indicators resource, for one release.</summary>
internal static class IndicatorQueries
{
    private static readonly string Select = $"""
        SELECT i.code AS Code, i.name AS Name, u.code AS UnitCode, u.scale AS UnitScale, u.label AS UnitLabel,
               i.topic AS Topic, i.description AS Description,
               (SELECT COUNT(*) FROM observations o WHERE o.indicator = i.code AND o.kind <> 'derived' AND {Validity.At("o")}) AS ObservationCount
        FROM indicators i CROSS JOIN units u ON u.id = i.unit AND {Validity.At("u")}
        """;

    public static Task<(List<IndicatorRow> Rows, long Total)> ListAsync(
        DbConnection connection, ReleaseStamp release, PagePosition position, ReleaseStamp? since, CancellationToken cancellationToken) =>
        PagedQuery.ReadAsync<IndicatorRow>(connection, release, Select, "i", "i.code", "indicators", position, since, cancellationToken);

    public static Task<IndicatorRow?> FindAsync(DbConnection connection, ReleaseStamp release, string code, CancellationToken cancellationToken) =>
        connection.QuerySingleOrDefaultAsync<IndicatorRow>(new CommandDefinition(
            $"{Select} WHERE i.code = @code AND {Validity.At("i")}", new { code, Release = release.Seq }, cancellationToken: cancellationToken));

    public static Task<List<Tombstone>> WithdrawnAsync(
        DbConnection connection, ReleaseStamp release, ReleaseStamp since, long offset, int limit, CancellationToken cancellationToken) =>
        Tombstones.ReadAsync(connection, "indicator", "indicators", "code", release, since, offset, limit, cancellationToken);
}
