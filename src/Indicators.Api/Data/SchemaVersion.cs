using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;

namespace Indicators.Api.Data;

/// <summary>
/// The schema this build of the service reads, taken from the embedded schema.sql so there is one
/// number to bump. A database built by an older schema is rebuilt on start rather than served wrongly.
/// </summary>
internal static partial class SchemaVersion
{
    // Script first: static initializers run in textual order and Expected is parsed from it.
    public static string Script { get; } = ReadScript();

    public static int Expected { get; } = ReadExpected();

    /// <summary>The version recorded in a database file, or null when it cannot be read as one of ours.</summary>
    public static int? Of(string databasePath)
    {
        try
        {
            using var connection = new SqliteConnection(ReadOnlyConnections.For(databasePath, pooling: false));
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT version FROM schema_version";
            return command.ExecuteScalar() is long version ? (int)version : null;
        }
        catch (SqliteException)
        {
            return null;
        }
    }

    [GeneratedRegex(@"INSERT INTO schema_version \(version\) VALUES \((\d+)\)")]
    private static partial Regex VersionInsert();

    private static int ReadExpected() =>
        int.Parse(VersionInsert().Match(Script).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);

    private static string ReadScript()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("schema.sql")
                           ?? throw new InvalidOperationException("schema.sql is not embedded in the assembly");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
