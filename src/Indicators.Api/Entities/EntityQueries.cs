using System.Data.Common;
using Dapper;
using Indicators.Api.Data;
using Indicators.Api.Http;

namespace Indicators.Api.Entities;

internal static class EntityQueries
{
    private const string Select = """
        SELECT e.code AS Code, e.name AS Name, e.type AS Type, e.description AS Description,
               (SELECT COUNT(*) FROM observations o WHERE o.entity = e.code AND o.kind <> 'derived') AS ObservationCount
        FROM entities e
        """;

    public static Task<(List<EntityRow> Rows, long Total)> ListAsync(
        DbConnection connection, PagePosition position, CancellationToken cancellationToken) =>
        PagedQuery.ReadAsync<EntityRow>(connection, Select, "e.code", "entities", position, cancellationToken);

    public static Task<EntityRow?> FindAsync(DbConnection connection, string code, CancellationToken cancellationToken) =>
        connection.QuerySingleOrDefaultAsync<EntityRow>(
            new CommandDefinition($"{Select} WHERE e.code = @code", new { code }, cancellationToken: cancellationToken));
}
