using Indicators.Api.Data;
using System.Globalization;
using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace Indicators.Api.Import;

/// <summary>One row of the releases table.</summary>
internal sealed record ReleaseRecord(string Id, string BuiltAt, string Counts, string Changelog);

/// <summary>
/// The releases table of a new database: the history read from the database it replaces, plus this import.
/// Re-importing unchanged files is the same release, so it keeps its id and build time (caches stay valid).
/// </summary>
internal static class ReleaseHistory
{
    /// <summary>The tables whose row counts a release records.</summary>
    public static readonly IReadOnlyList<string> CountedTables = ["sources", "units", "indicators", "entities", "observations", "derivations"];

    /// <summary>The history in the current database, oldest first; none when there is no readable one.</summary>
    public static IReadOnlyList<ReleaseRecord> Read(string databasePath)
    {
        if (!File.Exists(databasePath))
        {
            return [];
        }

        try
        {
            using var connection = new SqliteConnection(ReadOnlyConnections.For(databasePath, pooling: false));
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT id, built_at, counts, changelog FROM releases ORDER BY seq";
            using var reader = command.ExecuteReader();
            var rows = new List<ReleaseRecord>();
            while (reader.Read())
            {
                rows.Add(new ReleaseRecord(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3)));
            }

            return rows;
        }
        catch (SqliteException)
        {
            // A database from before releases existed (or not a database at all): history starts here.
            return [];
        }
    }

    /// <summary>Writes the history and this import's release; returns the release the new file serves.</summary>
    public static ReleaseRecord Append(
        SqliteConnection connection, SqliteTransaction transaction, ReleaseInput input, IReadOnlyList<ReleaseRecord> history)
    {
        var release = history.Count > 0 && history[^1].Id == input.Id
            ? history[^1]
            : new ReleaseRecord(
                input.Id,
                DateTimeOffset.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
                JsonSerializer.Serialize(CountRows(connection, transaction)),
                input.Changelog);
        var rows = history.Count > 0 && history[^1].Id == input.Id ? history : [.. history, release];

        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "INSERT INTO releases (seq, id, built_at, counts, changelog) VALUES (@seq, @id, @builtAt, @counts, @changelog)";
        foreach (var (row, seq) in rows.Select((r, i) => (r, i + 1)))
        {
            command.Parameters.Clear();
            command.Parameters.AddWithValue("@seq", seq);
            command.Parameters.AddWithValue("@id", row.Id);
            command.Parameters.AddWithValue("@builtAt", row.BuiltAt);
            command.Parameters.AddWithValue("@counts", row.Counts);
            command.Parameters.AddWithValue("@changelog", row.Changelog);
            command.ExecuteNonQuery();
        }

        return release;
    }

    private static Dictionary<string, long> CountRows(SqliteConnection connection, SqliteTransaction transaction)
    {
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var table in CountedTables)
        {
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            // Table names come from the fixed list above, never from input.
            command.CommandText = $"SELECT COUNT(*) FROM {table}";
            counts[table] = (long)command.ExecuteScalar()!;
        }

        return counts;
    }
}
