using System.Data.Common;
using Dapper;
using Indicators.Api.Data;
using Indicators.Api.Http;

namespace Indicators.Api.Indicators;

internal static class IndicatorQueries
{
    private const string Select = """
        SELECT i.code AS Code, i.name AS Name, u.code AS UnitCode, u.scale AS UnitScale, u.label AS UnitLabel,
               i.topic AS Topic, i.description AS Description,
               (SELECT COUNT(*) FROM observations o WHERE o.indicator = i.code AND o.kind <> 'derived') AS ObservationCount
        FROM indicators i JOIN units u ON u.id = i.unit
        """;

    public static Task<(List<IndicatorRow> Rows, long Total)> ListAsync(
        DbConnection connection, PagePosition position, CancellationToken cancellationToken) =>
        PagedQuery.ReadAsync<IndicatorRow>(connection, Select, "i.code", "indicators", position, cancellationToken);

    public static Task<IndicatorRow?> FindAsync(DbConnection connection, string code, CancellationToken cancellationToken) =>
        connection.QuerySingleOrDefaultAsync<IndicatorRow>(
            new CommandDefinition($"{Select} WHERE i.code = @code", new { code }, cancellationToken: cancellationToken));
}
