using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace Indicators.Api.Import.Archive;

/// <summary>
/// What a release was built from: exactly what <c>sha256sum</c> prints for its files (hash, two spaces, path
/// relative to the data folder), one line per file in ordinal order of path. The release id is the first 16
/// hex digits of the manifest's own SHA-256, so anyone can check an id (<c>sha256sum manifest | cut -c1-16</c>)
/// and a manifest against the files (<c>cd data &amp;&amp; sha256sum -c manifest</c>, or <c>git show</c> at a commit).
/// </summary>
internal sealed partial class Manifest
{
    public const int IdLength = 16;

    private Manifest(IReadOnlyList<ManifestEntry> files, byte[] bytes)
    {
        Files = files;
        Bytes = bytes;
        Id = Sha256(bytes)[..IdLength];
    }

    public IReadOnlyList<ManifestEntry> Files { get; }

    /// <summary>The manifest file's bytes, as hashed for the id.</summary>
    public byte[] Bytes { get; }

    public string Id { get; }

    public string Text => Encoding.UTF8.GetString(Bytes);

    private Dictionary<string, ManifestEntry>? _byPath;

    public ManifestEntry? EntryOf(string path) =>
        (_byPath ??= Files.ToDictionary(f => f.Path, StringComparer.Ordinal)).GetValueOrDefault(path);

    public string? HashOf(string path) => EntryOf(path)?.Sha256;

    public bool Holds(string path) => EntryOf(path) is not null;

    /// <summary>The manifest of these files (path, bytes), sorted as sha256sum's output is sorted by LC_ALL=C sort -k2.</summary>
    public static Manifest Of(IEnumerable<(string Path, byte[] Bytes)> files) =>
        Of(files.Select(f => (f.Path, Sha256(f.Bytes))));

    public static Manifest Of(IEnumerable<(string Path, string Sha256)> hashes)
    {
        var sorted = hashes.OrderBy(f => f.Path, StringComparer.Ordinal).ToList();
        var text = string.Concat(sorted.Select(f => $"{f.Sha256}  {f.Path}\n"));
        return new Manifest(sorted.Select((f, i) => new ManifestEntry(f.Path, f.Sha256, i + 1)).ToList(), Encoding.UTF8.GetBytes(text));
    }

    /// <summary>Reads a manifest file as it stands (its bytes are what the id hashes); a bad line is a file:line error.</summary>
    public static (Manifest? Manifest, ImportError? Error) Parse(byte[] bytes, string display)
    {
        var text = Encoding.UTF8.GetString(bytes);
        var files = new List<ManifestEntry>();
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            if (i == lines.Length - 1 && lines[i].Length == 0)
            {
                break;
            }

            var match = LinePattern().Match(lines[i]);
            if (!match.Success)
            {
                return (null, new ImportError(display, i + 1, "expected a sha256sum line: 64 hex digits, two spaces, a path"));
            }

            files.Add(new ManifestEntry(match.Groups[2].Value, match.Groups[1].Value, i + 1));
        }

        return (new Manifest(files, bytes), null);
    }

    public static string Sha256(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    public static string Sha256(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    [GeneratedRegex("^([0-9a-f]{64})  ([^\\n]+)$")]
    private static partial Regex LinePattern();
}

/// <summary>One line of a manifest: a file and its SHA-256; <c>Line</c> is where it stands in the manifest.</summary>
internal sealed record ManifestEntry(string Path, string Sha256, int Line);
