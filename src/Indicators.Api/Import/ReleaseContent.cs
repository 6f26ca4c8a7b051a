using Indicators.Api.Import.Archive;

namespace Indicators.Api.Import;

/// <summary>
/// A release is named by its content: the manifest of every data file the import reads (the curated CSV
/// files, the release note, the corrections log and every source text sources.csv names), so the same files
/// always give the same id and any change to any of them gives a new one. The code is not content: the
/// schema, the validators and the service change without a new release. Anyone can recompute the id from a
/// checkout: <c>cd data &amp;&amp; sha256sum FILES | LC_ALL=C sort -k2 | sha256sum | cut -c1-16</c>.
/// </summary>
internal static class ReleaseContent
{
    /// <summary>Optional one-line note on what changed, for people reading /v1/releases.</summary>
    public const string NoteFile = "release-note.txt";

    public const string NoNote = "No release note (data/release-note.txt) was given.";

    /// <summary>The curated files, where present; the source texts come on top, as sources.csv names them.</summary>
    public static readonly IReadOnlyList<string> CuratedFiles =
    [
        DataSetLoader.UnitsFile, DataSetLoader.SourcesFile, DataSetLoader.IndicatorsFile, DataSetLoader.EntitiesFile,
        DataSetLoader.ObservationsFile, DataSetLoader.DerivedFile, DataSetLoader.FactsFile, DataSetLoader.CorrectionsFile, NoteFile,
    ];

    /// <summary>The data folder's files and their manifest. A source text that cannot be read is left out (the check names it).</summary>
    public static (Manifest Manifest, IReadOnlyDictionary<string, byte[]> Files) Read(string dataDirectory)
    {
        var files = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var file in CuratedFiles)
        {
            var path = Path.Combine(dataDirectory, file);
            if (File.Exists(path))
            {
                files[file] = File.ReadAllBytes(path);
            }
        }

        var (sources, _) = CsvFileReader.Read<SourceRow>(Path.Combine(dataDirectory, DataSetLoader.SourcesFile), DataSetLoader.SourcesFile);
        foreach (var text in sources.Select(s => s.Row.File).OfType<string>())
        {
            if (DataSetLoader.InsideDataFolder(dataDirectory, text) is { } path && File.Exists(path))
            {
                files[text.Replace('\\', '/')] = File.ReadAllBytes(path);
            }
        }

        return (Manifest.Of(files.Select(f => (f.Key, f.Value))), files);
    }

    /// <summary>The first non-blank line of a note, so a longer file can keep history below it.</summary>
    public static string Changelog(byte[]? note)
    {
        var line = note is null
            ? null
            : System.Text.Encoding.UTF8.GetString(note).Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.Length > 0);
        return line ?? NoNote;
    }
}
