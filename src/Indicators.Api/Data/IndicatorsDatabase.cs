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
    private readonly string _unpooledConnectionString;

    public IndicatorsDatabase(IOptions<DatabaseOptions> options)
    {
        Path = RepositoryPaths.Resolve(options.Value.DatabasePath);
        _connectionString = ReadOnlyConnections.For(Path, pooling: true);
        _unpooledConnectionString = ReadOnlyConnections.For(Path, pooling: false);
    }

    public string Path { get; }

    private long _connectionsOpened;

    /// <summary>Connections opened since start: shows (in tests, and to an operator) which requests reach the database.</summary>
    public long ConnectionsOpened => Interlocked.Read(ref _connectionsOpened);

    private long _connectionsInUse;

    /// <summary>Connections opened by <see cref="OpenAsync"/> and not yet closed: what requests hold right now.</summary>
    public long ConnectionsInUse => Interlocked.Read(ref _connectionsInUse);

    private long _statementsInterrupted;

    /// <summary>
    /// Statements SQLite reported as interrupted (SQLITE_INTERRUPT) because their request was cancelled: shows that
    /// a timed-out request stopped its statement rather than waiting for it to finish.
    /// </summary>
    public long StatementsInterrupted => Interlocked.Read(ref _statementsInterrupted);

    internal void ConnectionTaken() => Interlocked.Increment(ref _connectionsInUse);

    internal void ConnectionGivenBack() => Interlocked.Decrement(ref _connectionsInUse);

    internal void StatementInterrupted() => Interlocked.Increment(ref _statementsInterrupted);

    public async Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _connectionsOpened);
        var connection = new InterruptibleConnection(_connectionString, this);
        connection.MarkInUse();
        try
        {
            await connection.OpenAsync(cancellationToken);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }

        connection.InterruptOn(cancellationToken);
        return connection;
    }

    /// <summary>
    /// A connection to the file at <see cref="Path"/> now, never one from the pool: after the import renamed a new
    /// file into place, a pooled connection returned by a request still in flight holds the old file open. What
    /// is read once per release (its id, its codes) must come from the new one.
    /// </summary>
    public DbConnection OpenCurrentFile()
    {
        Interlocked.Increment(ref _connectionsOpened);
        var connection = new SqliteConnection(_unpooledConnectionString);
        connection.Open();
        return connection;
    }

    /// <summary>
    /// Builds the database from the data folder when it does not exist yet (a fresh clone) or was built
    /// for another schema (a checkout that changed schema.sql), so the service never queries a stale shape.
    /// </summary>
    public static void EnsureBuilt(DatabaseOptions options, ILogger logger)
    {
        var databasePath = RepositoryPaths.Resolve(options.DatabasePath);
        if (!options.BuildOnStartup)
        {
            return;
        }

        string reason;
        if (!File.Exists(databasePath))
        {
            reason = "there is no database";
        }
        else if (SchemaVersion.Of(databasePath) is var found && found != SchemaVersion.Expected)
        {
            reason = $"the database has schema version {found?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "(unreadable)"}, this service reads {SchemaVersion.Expected}";
        }
        else
        {
            return;
        }

        var dataDirectory = RepositoryPaths.Resolve(options.DataDirectory);
        logger.LogInformation("Building {DatabasePath} from {DataDirectory}: {Reason}", databasePath, dataDirectory, reason);
        var (dataSet, errors) = DataSetLoader.Load(dataDirectory, options.DataDirectory);
        if (dataSet is null)
        {
            throw new InvalidOperationException(
                $"The data folder does not import cleanly:{Environment.NewLine}{string.Join(Environment.NewLine, errors)}");
        }

        DatabaseBuilder.Build(dataSet, databasePath, removed => logger.LogInformation("Before building: {Removed}", removed));
    }
}
