using System.Data.Common;
using Dapper;
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

    public static async Task<(List<IndicatorRow> Rows, long Total)> ListAsync(
        DbConnection connection, PagePosition position, CancellationToken cancellationToken)
    {
        var rows = (await connection.QueryAsync<IndicatorRow>(new CommandDefinition(
            $"{Select} ORDER BY i.code LIMIT @Limit OFFSET @Offset",
            new { Limit = position.PageSize + 1, position.Offset }, cancellationToken: cancellationToken))).AsList();
        var total = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT COUNT(*) FROM indicators", cancellationToken: cancellationToken));
        return (rows, total);
    }

    public static Task<IndicatorRow?> FindAsync(DbConnection connection, string code, CancellationToken cancellationToken) =>
        connection.QuerySingleOrDefaultAsync<IndicatorRow>(
            new CommandDefinition($"{Select} WHERE i.code = @code", new { code }, cancellationToken: cancellationToken));
}
