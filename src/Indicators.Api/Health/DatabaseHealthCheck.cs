using Dapper;
using Indicators.Api.Data;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Indicators.Api.Health;

/// <summary>
/// Ready means the database can serve: it opens read-only, <c>PRAGMA quick_check</c> passes, its schema
/// version is the one this code reads, and it has figures. Clients see the failed step; the log has the path.
/// </summary>
internal sealed class DatabaseHealthCheck(IndicatorsDatabase database, ILogger<DatabaseHealthCheck> logger) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var step = "open";
        try
        {
            if (!File.Exists(database.Path))
            {
                return Unhealthy("the database file is missing");
            }

            // Unpooled: a replaced or damaged file must be opened afresh, not judged through a cached handle.
            await using var connection = new SqliteConnection(ReadOnlyConnections.For(database.Path, pooling: false));
            await connection.OpenAsync(cancellationToken);

            step = "quick_check";
            var check = (await connection.QueryAsync<string>(new CommandDefinition("PRAGMA quick_check", cancellationToken: cancellationToken))).ToList();
            if (check is not ["ok"])
            {
                return Unhealthy($"PRAGMA quick_check failed: {string.Join("; ", check.Take(3))}");
            }

            step = "schema_version";
            var version = await connection.QuerySingleOrDefaultAsync<long?>(
                new CommandDefinition("SELECT version FROM schema_version", cancellationToken: cancellationToken));
            if (version != SchemaVersion.Expected)
            {
                return Unhealthy($"schema version is {version?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "missing"}; this code reads {SchemaVersion.Expected}");
            }

            step = "rows";
            var rows = await connection.ExecuteScalarAsync<long>(
                new CommandDefinition("SELECT count(*) FROM observations", cancellationToken: cancellationToken));
            return rows > 0
                ? HealthCheckResult.Healthy($"{rows} observations")
                : Unhealthy("the dataset has no observations");
        }
        catch (SqliteException exception)
        {
            return Unhealthy($"SQLite error {exception.SqliteErrorCode} at step '{step}': {exception.Message}");
        }
    }

    private HealthCheckResult Unhealthy(string reason)
    {
        logger.LogError("Database {DatabasePath} is not ready: {Reason}", database.Path, reason);
        return HealthCheckResult.Unhealthy(reason);
    }
}
