using Microsoft.Data.Sqlite;

namespace Indicators.Api.Data;

/// <summary>How every reader opens a database file: read-only (never <c>immutable=1</c>, see the README), pooled or not.</summary>
internal static class ReadOnlyConnections
{
    /// <param name="databasePath">The file.</param>
    /// <param name="pooling">False for a look at whatever file is at the path now: a pooled connection may hold one replaced since.</param>
    public static string For(string databasePath, bool pooling) => new SqliteConnectionStringBuilder
    {
        DataSource = databasePath,
        Mode = SqliteOpenMode.ReadOnly,
        Pooling = pooling,
    }.ToString();
}
