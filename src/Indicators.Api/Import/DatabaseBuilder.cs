using System.Globalization;
using Indicators.Api.Data;
using Microsoft.Data.Sqlite;

namespace Indicators.Api.Import;

/// <summary>
/// The only writer of the database. It builds a complete new file beside the target and renames it
/// into place, so readers see the old release or the new one, never a half-written file, and a
/// failure at any point leaves the previous database untouched.
/// </summary>
internal static class DatabaseBuilder
{
    /// <summary>Builds and swaps in the database; returns the release it now serves.</summary>
    /// <param name="dataSet">The validated curated files.</param>
    /// <param name="databasePath">The database file to replace (or create).</param>
    /// <param name="progress">Told of each temporary file a killed import had left and this build removed.</param>
    public static ReleaseRecord Build(DataSet dataSet, string databasePath, Action<string>? progress = null)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(databasePath))!);
        foreach (var abandoned in TemporaryDatabaseFiles.RemoveAbandoned(databasePath))
        {
            progress?.Invoke($"removed {abandoned}, left by an import that did not finish");
        }

        var temporary = TemporaryDatabaseFiles.NewPath(databasePath);
        try
        {
            // Held until after the rename, so no other import's clean-up takes the file from under this one.
            using var claim = TemporaryDatabaseFiles.Claim(temporary);
            var release = Write(dataSet, temporary, ReleaseHistory.Read(databasePath));
            // rename(2) on the same file system: atomic for readers that open the path afterwards.
            File.Move(temporary, databasePath, overwrite: true);
            return release;
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    private static ReleaseRecord Write(DataSet dataSet, string path, IReadOnlyList<ReleaseRecord> history)
    {
        // No pooling: the file must be closed for good before it is renamed.
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = false,
        }.ToString());
        connection.Open();
        // A large page cache keeps the index b-trees in memory while a million rows go in (the default 2 MB spills).
        Execute(connection, "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; PRAGMA cache_size = -262144; PRAGMA temp_store = MEMORY;");
        ReleaseRecord release;

        // Indexes are built after the rows are in: one sorted pass each, packed pages, instead of a million
        // random b-tree inserts per index and a VACUUM to repack them (which rebuilt every index a second time).
        var (tables, indexes) = SplitIndexes(SchemaVersion.Script);
        using (var transaction = connection.BeginTransaction())
        {
            Execute(connection, tables, transaction);
            InsertAll(connection, transaction, dataSet);
            Execute(connection, indexes, transaction);
            release = ReleaseHistory.Append(connection, transaction, dataSet.Release, history);
            transaction.Commit();
        }

        Execute(connection, "PRAGMA optimize;");
        // The rename is the commit point: make the bytes durable before it.
        Execute(connection, "PRAGMA synchronous = FULL;");
        return release;
    }

    private static void InsertAll(SqliteConnection connection, SqliteTransaction transaction, DataSet dataSet)
    {
        Insert(connection, transaction,
            "INSERT INTO units (id, code, scale, label) VALUES (@p1, @p2, @p3, @p4)",
            dataSet.Units.Select(u => new object?[] { u.Id, u.Code, Number(u.Scale!), u.Label }));
        Insert(connection, transaction,
            "INSERT INTO sources (id, title, standfirst, author, published_on, publisher, url, licence, text) VALUES (@p1, @p2, @p3, @p4, @p5, @p6, @p7, @p8, @p9)",
            dataSet.Sources.Select(s => new object?[]
            {
                s.Row.Id, s.Row.Title, s.Row.Standfirst, s.Row.Author, s.Row.PublishedOn, s.Row.Publisher, s.Row.Url,
                s.Row.Licence, s.Text,
            }));
        Insert(connection, transaction,
            "INSERT INTO indicators (code, name, unit, topic, description) VALUES (@p1, @p2, @p3, @p4, @p5)",
            dataSet.Indicators.Select(i => new object?[] { i.Code, i.Name, i.Unit, i.Topic, i.Description }));
        Insert(connection, transaction,
            "INSERT INTO entities (code, name, type, description) VALUES (@p1, @p2, @p3, @p4)",
            dataSet.Entities.Select(e => new object?[] { e.Code, e.Name, e.Type, e.Description }));

        // seq is the reading order: by source as listed in sources.csv, then by place in the text.
        var sourceOrder = dataSet.Sources.Select((s, i) => (s.Row.Id!, i)).ToDictionary(p => p.Item1, p => p.i);
        var ordered = dataSet.Observations
            .OrderBy(o => sourceOrder[o.Row.Source!]).ThenBy(o => o.QuoteStart).ThenBy(o => o.QuoteEnd)
            .ThenBy(o => o.Row.Id, StringComparer.Ordinal);
        Insert(connection, transaction,
            """
            INSERT INTO observations (seq, id, source, indicator, entity, counterpart, period_label, start_year, end_year,
                period_inferred, value, unit, qualifier, qualifier_text, kind, quote, quote_start, quote_end, note)
            VALUES (@p1, @p2, @p3, @p4, @p5, @p6, @p7, @p8, @p9, @p10, @p11, @p12, @p13, @p14, @p15, @p16, @p17, @p18, @p19)
            """,
            ordered.Select((o, i) => new object?[]
            {
                i + 1, o.Row.Id, o.Row.Source, o.Row.Indicator, o.Row.Entity, o.Row.Counterpart, o.Row.PeriodLabel,
                Year(o.Row.StartYear), Year(o.Row.EndYear), o.Row.PeriodInferred == "true" ? 1 : 0, Number(o.Row.Value!),
                o.Row.Unit, o.Row.Qualifier, o.Row.QualifierText, o.Row.Kind, o.Row.Quote, o.QuoteStart, o.QuoteEnd,
                o.Row.Note,
            }));
        InsertDerived(connection, transaction, dataSet, dataSet.Observations.Count);
    }

    /// <summary>Derived figures follow every stated one in reading order, in the order derived.csv lists them.</summary>
    private static void InsertDerived(SqliteConnection connection, SqliteTransaction transaction, DataSet dataSet, int statedCount)
    {
        Insert(connection, transaction,
            """
            INSERT INTO observations (seq, id, source, indicator, entity, counterpart, period_label, start_year, end_year,
                period_inferred, value, unit, qualifier, qualifier_text, kind, quote, quote_start, quote_end, note)
            VALUES (@p1, @p2, @p3, @p4, @p5, @p6, @p7, @p8, @p9, @p10, @p11, @p12, @p13, NULL, 'derived', NULL, NULL, NULL, @p14)
            """,
            dataSet.Derived.Select((d, i) => new object?[]
            {
                statedCount + i + 1, d.Row.Id, d.Source, d.Row.Indicator, d.Row.Entity, d.Row.Counterpart, d.Row.PeriodLabel,
                Year(d.Row.StartYear), Year(d.Row.EndYear), d.Row.PeriodInferred == "true" ? 1 : 0, Number(d.Row.Value!),
                d.Row.Unit, d.Row.Qualifier, d.Row.Note,
            }));
        Insert(connection, transaction,
            "INSERT INTO derivations (observation, formula, inputs) VALUES (@p1, @p2, @p3)",
            dataSet.Derived.Select(d => new object?[] { d.Row.Id, d.Row.Formula, System.Text.Json.JsonSerializer.Serialize(d.Inputs) }));
    }

    /// <summary>One prepared command, its parameters rebound per row: the fast path for large imports.</summary>
    private static void Insert(SqliteConnection connection, SqliteTransaction transaction, string sql, IEnumerable<object?[]> rows)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        SqliteParameter[]? parameters = null;
        foreach (var values in rows)
        {
            if (parameters is null)
            {
                parameters = values.Select((_, i) => command.Parameters.Add(new SqliteParameter($"@p{i + 1}", null))).ToArray();
                command.Prepare();
            }

            for (var i = 0; i < values.Length; i++)
            {
                parameters[i].Value = values[i] ?? DBNull.Value;
            }

            command.ExecuteNonQuery();
        }
    }

    internal static void Execute(SqliteConnection connection, string sql, SqliteTransaction? transaction = null)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static double Number(string value) => double.Parse(value, NumberStyles.Float, CultureInfo.InvariantCulture);

    private static int? Year(string? value) => value is null ? null : int.Parse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);

    /// <summary>The schema's one-line CREATE INDEX statements apart from the rest (anything else runs first, in order).</summary>
    internal static (string Tables, string Indexes) SplitIndexes(string schema)
    {
        var lines = schema.Split('\n');
        static bool IsIndex(string line) =>
            line.StartsWith("CREATE INDEX ", StringComparison.OrdinalIgnoreCase) && line.TrimEnd().EndsWith(';');
        return (string.Join('\n', lines.Where(l => !IsIndex(l))), string.Join('\n', lines.Where(IsIndex)));
    }

}
