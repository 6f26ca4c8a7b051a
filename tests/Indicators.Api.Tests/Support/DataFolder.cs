using Indicators.Api.Data;
using Indicators.Api.Import;

namespace Indicators.Api.Tests.Support;

/// <summary>A scratch copy of the repository's data/ folder, to change and import without touching the real one.</summary>
internal sealed class DataFolder : IDisposable
{
    private readonly TemporaryDirectory _directory = new();

    public DataFolder()
    {
        foreach (var file in Directory.EnumerateFiles(TestPaths.DataDirectory, "*", SearchOption.AllDirectories))
        {
            var relative = System.IO.Path.GetRelativePath(TestPaths.DataDirectory, file);
            // A database built by `dotnet run` is output, not data.
            if (relative.EndsWith(".db", StringComparison.Ordinal) || relative.Contains(".db-", StringComparison.Ordinal) || relative.EndsWith(".tmp", StringComparison.Ordinal))
            {
                continue;
            }

            Copy(file, relative);
        }
    }

    public string Path => System.IO.Path.Combine(_directory.Path, "data");

    public string File(string relative) => System.IO.Path.Combine(Path, relative);

    public void Copy(string from, string relative)
    {
        var to = File(relative);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(to)!);
        System.IO.File.Copy(from, to, overwrite: true);
    }

    /// <summary>
    /// Appends CSV rows (no header) to one of the curated files, and for each the reason a curator gives for adding a
    /// record (corrections.csv), as every change needs one.
    /// </summary>
    public void AppendRows(string csvFile, string rows)
    {
        System.IO.File.AppendAllText(File(csvFile), rows.EndsWith('\n') ? rows : rows + "\n");
        if (RecordOf(csvFile) is { } record)
        {
            foreach (var line in rows.Split('\n').Where(l => l.Length > 0))
            {
                Reason(record, line.Split(',')[0], "added", "A test adds it.");
            }
        }
    }

    private static string? RecordOf(string csvFile) => csvFile switch
    {
        DataSetLoader.ObservationsFile or DataSetLoader.DerivedFile => "observation",
        DataSetLoader.SourcesFile => "source",
        DataSetLoader.IndicatorsFile => "indicator",
        DataSetLoader.EntitiesFile => "entity",
        DataSetLoader.UnitsFile => "unit",
        DataSetLoader.FactsFile => "fact",
        _ => null,
    };

    public void WriteNote(string line) => Curation.Note(Path, line);

    /// <summary>Gives the reason for one change of the next release, as a curator does in corrections.csv.</summary>
    public void Reason(string record, string id, string change, string reason = "A test changes it.")
    {
        Curation.Reason(Path, record, id, change, reason);
        NewNoteUnlessWritten();
    }

    /// <summary>A release says what it changes: the copied note is the last release's, so a change gets a note of its own (WriteNote replaces it).</summary>
    private void NewNoteUnlessWritten()
    {
        var note = File(ReleaseContent.NoteFile);
        var published = System.IO.Path.Combine(TestPaths.DataDirectory, ReleaseContent.NoteFile);
        if (System.IO.File.ReadAllBytes(note).AsSpan().SequenceEqual(System.IO.File.ReadAllBytes(published)))
        {
            WriteNote("A test's release.");
        }
    }

    /// <summary>Runs the real import command, as `dotnet run -- import` does, and returns what it printed.</summary>
    public (int ExitCode, string Output, string Error) Import(string databasePath, params string[] options) =>
        Import(databasePath, null, options);

    /// <summary>The import with its clock fixed: what --publish records as the publication time.</summary>
    public (int ExitCode, string Output, string Error) Import(string databasePath, TimeProvider? clock, params string[] options)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = ImportCommand.Run([Path, "--database", databasePath, .. options], new DatabaseOptions(), output, error, clock);
        return (exit, output.ToString(), error.ToString());
    }

    public void Dispose() => _directory.Dispose();
}

/// <summary>The service over a database the test imports itself, made to look for a new release on every request whatever the default.</summary>
public sealed class LiveReleaseApiFactory : ApiFactory
{
    protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        // A throttled look would make the test wait on a clock.
        builder.UseSetting("Caching:ReleaseCheckMilliseconds", "0");
    }
}
