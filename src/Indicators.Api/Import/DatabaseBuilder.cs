using System.Globalization;
using System.Text.Json;
using Indicators.Api.Data;
using Indicators.Api.Import.Archive;
using Indicators.Api.Import.Versions;
using Microsoft.Data.Sqlite;

namespace Indicators.Api.Import;

/// <summary>
/// The only writer of the database. It builds a complete new file beside the target and renames it
/// into place, so readers see the old releases or the new ones, never a half-written file, and a
/// failure at any point leaves the previous database untouched.
/// </summary>
internal static class DatabaseBuilder
{
    /// <summary>Builds and swaps in the database; returns the release it serves when none is asked for.</summary>
    /// <param name="data">Every version of every release.</param>
    /// <param name="databasePath">The database file to replace (or create).</param>
    /// <param name="now">The build time an unpublished release gets the first time it is built.</param>
    /// <param name="progress">Told of each temporary file a killed import had left and this build removed.</param>
    public static ReleaseSummary Build(VersionedData data, string databasePath, DateTimeOffset now, Action<string>? progress = null)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(databasePath))!);
        foreach (var abandoned in TemporaryDatabaseFiles.RemoveAbandoned(databasePath))
        {
            progress?.Invoke($"removed {abandoned}, left by an import that did not finish");
        }

        // An unpublished release keeps the build time it was first given, so a rebuild of the same files keeps caches valid.
        var builtBefore = BuildTimes(databasePath);
        var temporary = TemporaryDatabaseFiles.NewPath(databasePath);
        try
        {
            // Held until after the rename, so no other import's clean-up takes the file from under this one.
            using var claim = TemporaryDatabaseFiles.Claim(temporary);
            Write(data, temporary, id => builtBefore.GetValueOrDefault(id) ?? Time(now));
            // rename(2) on the same file system: atomic for readers that open the path afterwards.
            File.Move(temporary, databasePath, overwrite: true);
            return data.Releases[^1];
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    public static string Time(DateTimeOffset time) => time.UtcDateTime.ToString(ReleaseArchive.TimeFormat, CultureInfo.InvariantCulture);

    /// <summary>The build times of the unpublished releases in the database being replaced, by id.</summary>
    private static Dictionary<string, string?> BuildTimes(string databasePath)
    {
        var times = new Dictionary<string, string?>(StringComparer.Ordinal);
        if (!File.Exists(databasePath))
        {
            return times;
        }

        try
        {
            using var connection = new SqliteConnection(ReadOnlyConnections.For(databasePath, pooling: false));
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT id, built_at FROM releases WHERE published_at IS NULL";
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                times[reader.GetString(0)] = reader.GetString(1);
            }
        }
        catch (SqliteException)
        {
            // Not a database of this schema: nothing to keep.
        }

        return times;
    }

    private static void Write(VersionedData data, string path, Func<string, string> draftBuiltAt)
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

        // Indexes are built after the rows are in: one sorted pass each, packed pages, instead of a million
        // random b-tree inserts per index and a VACUUM to repack them (which rebuilt every index a second time).
        var (tables, indexes) = SplitIndexes(SchemaVersion.Script);
        using (var transaction = connection.BeginTransaction())
        {
            Execute(connection, tables, transaction);
            ReadingOrder.Assign(data);
            InsertAll(connection, transaction, data, draftBuiltAt);
            Execute(connection, indexes, transaction);
            transaction.Commit();
        }

        Execute(connection, "PRAGMA optimize;");
        // The rename is the commit point: make the bytes durable before it.
        Execute(connection, "PRAGMA synchronous = FULL;");
    }

    private static void InsertAll(SqliteConnection connection, SqliteTransaction transaction, VersionedData data, Func<string, string> draftBuiltAt)
    {
        Insert(connection, transaction,
            "INSERT INTO releases (seq, id, published_at, built_at, counts, changelog, manifest) VALUES (@p1, @p2, @p3, @p4, @p5, @p6, @p7)",
            data.Releases.Select(r => new object?[]
            {
                r.Seq, r.Id, r.PublishedAt is { } at ? Time(at) : null, r.PublishedAt is { } published ? Time(published) : draftBuiltAt(r.Id),
                JsonSerializer.Serialize(r.Counts), r.Changelog, r.Manifest,
            }));
        Insert(connection, transaction,
            "INSERT INTO units (vid, id, code, scale, label, valid_from, valid_to) VALUES (@p1, @p2, @p3, @p4, @p5, @p6, @p7)",
            data.Units.Select(u => new object?[] { u.RowId, u.Row.Id, u.Row.Code, Number(u.Row.Scale!), u.Row.Label, u.From, To(u) }));
        Insert(connection, transaction,
            """
            INSERT INTO sources (vid, id, title, standfirst, author, published_on, publisher, url, licence, text, valid_from, valid_to)
            VALUES (@p1, @p2, @p3, @p4, @p5, @p6, @p7, @p8, @p9, @p10, @p11, @p12)
            """,
            data.Sources.Select(s => new object?[]
            {
                s.RowId, s.Row.Id, s.Row.Title, s.Row.Standfirst, s.Row.Author, s.Row.PublishedOn, s.Row.Publisher, s.Row.Url,
                s.Row.Licence, s.Text, s.From, To(s),
            }));
        Insert(connection, transaction,
            "INSERT INTO indicators (vid, code, name, unit, topic, description, valid_from, valid_to) VALUES (@p1, @p2, @p3, @p4, @p5, @p6, @p7, @p8)",
            data.Indicators.Select(i => new object?[] { i.RowId, i.Row.Code, i.Row.Name, i.Row.Unit, i.Row.Topic, i.Row.Description, i.From, To(i) }));
        Insert(connection, transaction,
            "INSERT INTO entities (vid, code, name, type, description, valid_from, valid_to) VALUES (@p1, @p2, @p3, @p4, @p5, @p6, @p7)",
            data.Entities.Select(e => new object?[] { e.RowId, e.Row.Code, e.Row.Name, e.Row.Type, e.Row.Description, e.From, To(e) }));
        Insert(connection, transaction,
            """
            INSERT INTO facts (vid, id, source, fact, title, author, publisher, published_on, url, established_by, established_on, how, valid_from, valid_to)
            VALUES (@p1, @p2, @p3, @p4, @p5, @p6, @p7, @p8, @p9, @p10, @p11, @p12, @p13, @p14)
            """,
            data.Facts.Select(f => new object?[]
            {
                f.RowId, f.Row.Id, f.Row.Source, f.Row.Fact, f.Row.Title, f.Row.Author, f.Row.Publisher, f.Row.PublishedOn, f.Row.Url,
                f.Row.EstablishedBy, f.Row.EstablishedOn, f.Row.How, f.From, To(f),
            }));

        var observations = data.Observations.OrderBy(o => o.RowId).ToList();
        Insert(connection, transaction,
            """
            INSERT INTO observations (seq, id, source, indicator, entity, counterpart, period_label, start_year, end_year,
                period_inferred, value, unit, qualifier, qualifier_text, kind, quote, quote_start, quote_end, note, valid_from, valid_to)
            VALUES (@p1, @p2, @p3, @p4, @p5, @p6, @p7, @p8, @p9, @p10, @p11, @p12, @p13, @p14, @p15, @p16, @p17, @p18, @p19, @p20, @p21)
            """,
            observations.Select(o => new object?[]
            {
                o.RowId, o.Row.Id, o.Source, o.Row.Indicator, o.Row.Entity, o.Row.Counterpart, o.Row.PeriodLabel,
                Year(o.Row.StartYear), Year(o.Row.EndYear), o.Row.PeriodInferred == "true" ? 1 : 0, Number(o.Row.Value!),
                o.Row.Unit, o.Row.Qualifier, o.Stated?.QualifierText, o.Stated?.Kind ?? "derived", o.Stated?.Quote, o.QuoteStart, o.QuoteEnd,
                o.Row.Note, o.From, To(o),
            }));
        Insert(connection, transaction,
            "INSERT INTO derivations (seq, formula, inputs) VALUES (@p1, @p2, @p3)",
            observations.Where(o => o.Derived is not null).Select(o => new object?[] { o.RowId, o.Derived!.Formula, JsonSerializer.Serialize(o.Inputs) }));

        Insert(connection, transaction,
            """
            INSERT INTO changes (release, ord, record, id, change, old_row, new_row, fields, reason, follows_from)
            VALUES (@p1, @p2, @p3, @p4, @p5, @p6, @p7, @p8, @p9, @p10)
            """,
            data.Changes.GroupBy(c => c.Release).SelectMany(release => release.Select((c, i) => new object?[]
            {
                c.Release, i + 1, c.Record, c.Id, c.Change, c.Old?.RowId, c.New?.RowId,
                JsonSerializer.Serialize(c.Fields.Select(f => new { field = f.Field, old = f.Old, @new = f.New })), c.Reason, c.FollowsFrom,
            })));

        var search = data.Search.OrderBy(v => v.Observation.RowId).ThenBy(v => v.From).ToList();
        Insert(connection, transaction,
            """
            INSERT INTO observations_search (rowid, quote, indicator_name, indicator_description, entity_name, entity_description)
            VALUES (@p1, @p2, @p3, @p4, @p5, @p6)
            """,
            search.Select((v, i) => new object?[]
            {
                i + 1, v.Observation.Stated?.Quote, v.Indicator.Row.Name, v.Indicator.Row.Description, v.Entity.Row.Name, v.Entity.Row.Description,
            }));
        Insert(connection, transaction,
            "INSERT INTO search_versions (rowid, seq, valid_from, valid_to) VALUES (@p1, @p2, @p3, @p4)",
            search.Select((v, i) => new object?[] { i + 1, v.Observation.RowId, v.From, v.To == WeaveLine.Open ? null : v.To }));
    }

    private static object? To(RecordVersion version) => version.To == WeaveLine.Open ? null : version.To;

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
