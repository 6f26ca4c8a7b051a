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
    /// Builds the database from the data folder when it does not exist yet (a fresh clone), was built for
    /// another schema (a checkout that changed schema.sql), or lacks published releases the data folder's
    /// archive holds (a pull that brought new ones), so the service never queries a stale shape or serves
    /// yesterday's history. A database built from another dataset (its releases are not the start of this
    /// archive) is left as it is. A data folder that differs from its last published release is built as one
    /// more release, unpublished (see <see cref="ReleaseBuild"/>), and logged as such.
    /// </summary>
    public static void EnsureBuilt(DatabaseOptions options, ILogger logger)
    {
        var databasePath = RepositoryPaths.Resolve(options.DatabasePath);
        if (!options.BuildOnStartup)
        {
            return;
        }

        var dataDirectory = RepositoryPaths.Resolve(options.DataDirectory);
        if (WhyBuild(databasePath, dataDirectory) is not { } reason)
        {
            return;
        }

        logger.LogInformation("Building {DatabasePath} from {DataDirectory}: {Reason}", databasePath, dataDirectory, reason);
        var (plan, errors) = ReleaseBuild.Prepare(dataDirectory, options.DataDirectory, publishAt: null);
        if (plan is null)
        {
            throw new InvalidOperationException(
                $"The data folder does not import cleanly:{Environment.NewLine}{string.Join(Environment.NewLine, errors)}");
        }

        if (plan.DataFolder is not null)
        {
            logger.LogWarning(
                "The data folder differs from its last published release: serving it as release {Seq} ({Release}), unpublished. Publish it with: import --publish",
                plan.Current.Seq, plan.Current.Id);
        }

        DatabaseBuilder.Build(plan.Versions, databasePath, DateTimeOffset.UtcNow, removed => logger.LogInformation("Before building: {Removed}", removed));
    }

    private static string? WhyBuild(string databasePath, string dataDirectory)
    {
        if (!File.Exists(databasePath))
        {
            return "there is no database";
        }

        if (SchemaVersion.Of(databasePath) is var found && found != SchemaVersion.Expected)
        {
            return $"the database has schema version {found?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "(unreadable)"}, this service reads {SchemaVersion.Expected}";
        }

        var built = PublishedReleases(databasePath);
        var archived = Import.Archive.ReleaseArchive.ListedIds(dataDirectory);
        return built.Count > 0 && archived.Count > built.Count && archived.Take(built.Count).SequenceEqual(built)
            ? $"the archive holds {archived.Count - built.Count} published release(s) the database lacks ({string.Join(", ", archived.Skip(built.Count))})"
            : null;
    }

    private static List<string> PublishedReleases(string databasePath)
    {
        try
        {
            using var connection = new SqliteConnection(ReadOnlyConnections.For(databasePath, pooling: false));
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT id FROM releases WHERE published_at IS NOT NULL ORDER BY seq";
            using var reader = command.ExecuteReader();
            var ids = new List<string>();
            while (reader.Read())
            {
                ids.Add(reader.GetString(0));
            }

            return ids;
        }
        catch (SqliteException)
        {
            return [];
        }
    }
}
