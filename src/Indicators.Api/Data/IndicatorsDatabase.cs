using System.Data.Common;
using Indicators.Api.Import;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace Indicators.Api.Data;

/// <summary>
/// The read side's only door to SQLite: read-only connections to the built database, one per operation.
/// The service never writes; the import builds a new file and renames it into place.
/// </summary>
internal sealed class IndicatorsDatabase
{
    private readonly string _connectionString;

    public IndicatorsDatabase(IOptions<DatabaseOptions> options)
    {
        Path = RepositoryPaths.Resolve(options.Value.DatabasePath);
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = Path,
            Mode = SqliteOpenMode.ReadOnly,
            Pooling = true,
        }.ToString();
    }

    public string Path { get; }

    private long _connectionsOpened;

    /// <summary>Connections opened since start: shows (in tests, and to an operator) which requests reach the database.</summary>
    public long ConnectionsOpened => Interlocked.Read(ref _connectionsOpened);

    public async Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _connectionsOpened);
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken);
        return connection;
    }

    /// <summary>The schema_version this code reads; data/schema.sql inserts the same number.</summary>
    public const long SchemaVersion = 2;

    /// <summary>
    /// Builds the database from the data folder when it does not exist yet (a fresh clone), or when it was
    /// built by an older schema (a developer's database from before a schema change), which this code cannot read.
    /// </summary>
    public static void EnsureBuilt(DatabaseOptions options, ILogger logger)
    {
        var databasePath = RepositoryPaths.Resolve(options.DatabasePath);
        if (!options.BuildOnStartup || (File.Exists(databasePath) && VersionOf(databasePath) == SchemaVersion))
        {
            return;
        }

        var dataDirectory = RepositoryPaths.Resolve(options.DataDirectory);
        logger.LogInformation("No database of schema {Version} at {DatabasePath}: building it from {DataDirectory}", SchemaVersion, databasePath, dataDirectory);
        var (dataSet, errors) = DataSetLoader.Load(dataDirectory, options.DataDirectory);
        if (dataSet is null)
        {
            throw new InvalidOperationException(
                $"The data folder does not import cleanly:{Environment.NewLine}{string.Join(Environment.NewLine, errors)}");
        }

        DatabaseBuilder.Build(dataSet, databasePath);
    }

    /// <summary>The schema version a database file was built with, or null when it has none readable.</summary>
    public static long? VersionOf(string databasePath)
    {
        try
        {
            using var connection = new SqliteConnection($"Data Source={databasePath};Mode=ReadOnly;Pooling=False");
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT version FROM schema_version";
            return command.ExecuteScalar() as long?;
        }
        catch (SqliteException)
        {
            return null;
        }
    }
}
