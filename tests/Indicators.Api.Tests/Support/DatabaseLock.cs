using Microsoft.Data.Sqlite;

namespace Indicators.Api.Tests.Support;

/// <summary>
/// A writer holding a database file's exclusive lock, as any other SQLite process could: until it lets go, every
/// reader's statement waits in SQLite's busy loop. It holds a request inside the database for exactly as long as a
/// test needs, where a slow query holds it for as long as the machine happens to take.
/// </summary>
internal sealed class DatabaseLock : IDisposable
{
    private readonly SqliteConnection _connection;

    private DatabaseLock(string databasePath)
    {
        _connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = databasePath, Pooling = false }.ToString());
        _connection.Open();
        // The built file is in rollback-journal mode, where BEGIN EXCLUSIVE keeps readers out (WAL would let them in).
        Assert.NotEqual("wal", Execute("PRAGMA journal_mode")?.ToString(), StringComparer.OrdinalIgnoreCase);
        Execute("BEGIN EXCLUSIVE");
    }

    public static DatabaseLock Take(string databasePath) => new(databasePath);

    public void Dispose()
    {
        Execute("ROLLBACK");
        _connection.Dispose();
    }

    private object? Execute(string sql)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }
}
