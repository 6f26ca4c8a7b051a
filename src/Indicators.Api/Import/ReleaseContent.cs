using System.Reflection;
using System.Security.Cryptography;
using System.Text;

namespace Indicators.Api.Import;

/// <summary>
/// A release is named by its content: the SHA-256 of a manifest of every file the import reads, so the
/// same files always give the same id and any change to any of them gives a new one. The manifest is
/// exactly what `sha256sum` prints (hash, two spaces, path relative to the data folder), one line per file
/// in ordinal order of path; the id is the first 16 hex digits of the manifest's own SHA-256. Anyone can
/// recompute it: `cd data &amp;&amp; sha256sum FILES | LC_ALL=C sort -k2 | sha256sum | cut -c1-16`.
/// </summary>
internal static class ReleaseContent
{
    /// <summary>Optional one-line note on what changed, for people reading /v1/releases.</summary>
    public const string NoteFile = "release-note.txt";

    /// <summary>The schema shapes the built file, so it counts as content; the import reads the copy embedded in the binary.</summary>
    public const string SchemaFile = "schema.sql";

    public const int IdLength = 16;

    public const string NoNote = "No release note (data/release-note.txt) was given.";

    public static ReleaseInput Identify(string dataDirectory, IEnumerable<string> sourceTexts, Action<string>? progress = null)
    {
        var files = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            [SchemaFile] = Hash(ReadSchemaBytes()),
        };
        string[] curated =
        [
            DataSetLoader.UnitsFile, DataSetLoader.SourcesFile, DataSetLoader.IndicatorsFile, DataSetLoader.EntitiesFile,
            DataSetLoader.ObservationsFile, DataSetLoader.DerivedFile, NoteFile,
        ];
        foreach (var file in curated.Concat(sourceTexts))
        {
            var path = Path.Combine(dataDirectory, file);
            if (File.Exists(path))
            {
                files[file.Replace('\\', '/')] = Hash(File.ReadAllBytes(path));
            }
        }

        var manifest = string.Concat(files.Select(f => $"{f.Value}  {f.Key}\n"));
        var id = Hash(Encoding.UTF8.GetBytes(manifest))[..IdLength];
        foreach (var (file, sha) in files)
        {
            progress?.Invoke($"hashed {file} ({sha[..12]}…)");
        }

        return new ReleaseInput(id, ReadNote(dataDirectory), files.Select(f => (f.Key, f.Value)).ToList());
    }

    /// <summary>The first non-blank line of the note file, so a longer file can keep history below it.</summary>
    private static string ReadNote(string dataDirectory)
    {
        var path = Path.Combine(dataDirectory, NoteFile);
        var line = File.Exists(path) ? File.ReadLines(path).Select(l => l.Trim()).FirstOrDefault(l => l.Length > 0) : null;
        return line ?? NoNote;
    }

    public static byte[] ReadSchemaBytes()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(SchemaFile)
                           ?? throw new InvalidOperationException("schema.sql is not embedded in the assembly");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    private static string Hash(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));
}
