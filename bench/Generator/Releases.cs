using System.Globalization;
using System.Security.Cryptography;
using System.Text;

/// <summary>One version of a figure's row: its note, held by releases From up to (not including) To.</summary>
internal sealed record FigureVersion(int Figure, int From, int To, string Note);

/// <summary>One line of the corrections log.</summary>
internal sealed record Correction(int Release, int Figure, string Change, string Reason);

internal sealed record History(List<FigureVersion> Versions, List<Correction> Corrections, List<int> Final);

/// <summary>
/// The release history of a synthetic dataset and its archive in the service's format (data/releases/): written
/// here independently of the service, so that the import's check of every release against its manifest also
/// checks that the format is what docs/releases-and-caching.md says it is.
/// </summary>
internal static class Releases
{
    public const int Open = int.MaxValue;

    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>Releases 2..N each revise, withdraw and add figures (70/15/15 of the changes), with a reason for each.</summary>
    public static History Simulate(string[] rows, int count, int releases, int changes, Random random)
    {
        var alive = Enumerable.Range(0, count).ToList();
        var current = alive.ToDictionary(f => f, _ => (From: 1, Note: ""));
        var versions = new List<FigureVersion>();
        var corrections = new List<Correction>();
        var nextReserve = count;
        var added = changes * 15 / 100;
        var withdrawn = changes * 15 / 100;
        var revised = changes - added - withdrawn;
        for (var r = 2; r <= releases; r++)
        {
            var touched = new HashSet<int>();
            int Pick()
            {
                while (true)
                {
                    var at = random.Next(alive.Count);
                    if (touched.Add(alive[at]))
                    {
                        return at;
                    }
                }
            }

            for (var k = 0; k < revised; k++)
            {
                var figure = alive[Pick()];
                var (from, note) = current[figure];
                versions.Add(new FigureVersion(figure, from, r, note));
                current[figure] = (r, $"Revised in release {r}.");
                corrections.Add(new Correction(r, figure, "changed", $"Release {r} revises the note of this figure."));
            }

            for (var k = 0; k < withdrawn; k++)
            {
                var at = Pick();
                var figure = alive[at];
                alive[at] = alive[^1];
                alive.RemoveAt(alive.Count - 1);
                var (from, note) = current[figure];
                versions.Add(new FigureVersion(figure, from, r, note));
                current.Remove(figure);
                corrections.Add(new Correction(r, figure, "withdrawn", $"Release {r} withdraws this figure."));
            }

            for (var k = 0; k < added; k++)
            {
                var figure = nextReserve++;
                alive.Add(figure);
                touched.Add(figure);
                current[figure] = (r, "");
                corrections.Add(new Correction(r, figure, "added", $"Release {r} extracts this figure from its text."));
            }
        }

        versions.AddRange(current.Select(c => new FigureVersion(c.Key, c.Value.From, Open, c.Value.Note)));
        versions.Sort((a, b) => a.Figure != b.Figure ? a.Figure.CompareTo(b.Figure) : a.From.CompareTo(b.From));
        return new History(versions, corrections, current.Keys.Order().ToList());
    }

    /// <summary>The archive of every release into output/releases, and output's files as the last release.</summary>
    /// <param name="rows">Each figure's row up to its note (id first, the last comma included).</param>
    public static void WriteArchive(string output, string header, string[] rows, History history, int releases)
    {
        var archive = new ArchiveBuilder(output, releases);
        archive.Woven("observations.csv",
            history.Versions.Select(v => (v.From, v.To, rows[v.Figure] + v.Note)), header);
        archive.Woven("corrections.csv",
            history.Corrections.Select(c => (c.Release, Open, CorrectionLine(c))), "release,record,id,change,reason");
        for (var r = 1; r <= releases; r++)
        {
            archive.Whole("release-note.txt", r, Utf8.GetBytes(Note(r, history) + "\n"));
        }

        AddUnchanged(archive, output);
        archive.Finish();

        // The data folder is the last release.
        WriteLines(Path.Combine(output, "observations.csv"), header,
            history.Versions.Where(v => v.To == Open).Select(v => rows[v.Figure] + v.Note));
        WriteLines(Path.Combine(output, "corrections.csv"), "release,record,id,change,reason", history.Corrections.Select(CorrectionLine));
        File.WriteAllText(Path.Combine(output, "release-note.txt"), Note(releases, history) + "\n", Utf8);
    }

    /// <summary>The last release alone, published as release 1 of its own archive: the same figures, no history.</summary>
    public static void WriteNewestOnly(string output, string folder, string header, History history, int releases)
    {
        Directory.CreateDirectory(Path.Combine(folder, "sources"));
        foreach (var file in new[] { "units.csv", "indicators.csv", "entities.csv", "sources.csv", "observations.csv" })
        {
            File.Copy(Path.Combine(output, file), Path.Combine(folder, file), overwrite: true);
        }

        foreach (var text in Directory.EnumerateFiles(Path.Combine(output, "sources")))
        {
            File.Copy(text, Path.Combine(folder, "sources", Path.GetFileName(text)), overwrite: true);
        }

        File.WriteAllText(Path.Combine(folder, "corrections.csv"), "release,record,id,change,reason\n", Utf8);
        File.WriteAllText(Path.Combine(folder, "release-note.txt"), Note(releases, history) + "\n", Utf8);
        var archive = new ArchiveBuilder(folder, 1);
        AddUnchanged(archive, folder);
        archive.WovenFile("observations.csv", File.ReadAllBytes(Path.Combine(folder, "observations.csv")));
        archive.WovenFile("corrections.csv", File.ReadAllBytes(Path.Combine(folder, "corrections.csv")));
        archive.Whole("release-note.txt", 1, File.ReadAllBytes(Path.Combine(folder, "release-note.txt")));
        archive.Finish();
    }

    private static string Note(int release, History history) => release == 1
        ? "Synthetic release 1 of the scale benchmark."
        : $"Synthetic release {release}: {history.Corrections.Count(c => c.Release == release)} figures revised, withdrawn or added.";

    private static string CorrectionLine(Correction c) => string.Create(CultureInfo.InvariantCulture, $"{c.Release},observation,obs-{c.Figure:D7},{c.Change},{c.Reason}");

    /// <summary>The files every release holds as they are (a data folder's own file with no header given, woven line by line).</summary>
    private static void AddUnchanged(ArchiveBuilder archive, string folder)
    {
        foreach (var file in new[] { "units.csv", "indicators.csv", "entities.csv", "sources.csv" })
        {
            archive.WovenFile(file, File.ReadAllBytes(Path.Combine(folder, file)));
        }

        foreach (var text in Directory.EnumerateFiles(Path.Combine(folder, "sources")).Order(StringComparer.Ordinal))
        {
            archive.Whole($"sources/{Path.GetFileName(text)}", 1, File.ReadAllBytes(text));
        }
    }

    private static void WriteLines(string path, string header, IEnumerable<string> lines)
    {
        using var writer = new StreamWriter(path, false, Utf8) { NewLine = "\n" };
        writer.WriteLine(header);
        foreach (var line in lines)
        {
            writer.WriteLine(line);
        }
    }
}

/// <summary>
/// Writes data/releases/: woven CSV files (from,to,line), whole files under files/seq/, a manifest per release and
/// releases.csv, hashing each release's version of each file as it goes.
/// </summary>
internal sealed class ArchiveBuilder(string data, int releases)
{
    private readonly string _root = Path.Combine(data, "releases");
    private readonly Dictionary<string, string[]> _hashes = new(StringComparer.Ordinal);

    private int Count { get; } = releases;

    /// <summary>A CSV file as line versions; header (and the final empty line) from release 1 on, when given.</summary>
    public void Woven(string path, IEnumerable<(int From, int To, string Line)> lines, string? header)
    {
        var all = header is null ? lines : lines.Prepend((1, Releases.Open, header)).Append((1, Releases.Open, ""));
        var hashes = Enumerable.Range(0, Count + 1).Select(_ => IncrementalHash.CreateHash(HashAlgorithmName.SHA256)).ToArray();
        var started = new bool[Count + 1];
        Directory.CreateDirectory(Path.Combine(_root, "rows"));
        using (var writer = new StreamWriter(Path.Combine(_root, "rows", path), false, new UTF8Encoding(false)) { NewLine = "\n" })
        {
            foreach (var (from, to, line) in all)
            {
                writer.Write(string.Create(CultureInfo.InvariantCulture, $"{from},{(to == Releases.Open ? "" : to.ToString(CultureInfo.InvariantCulture))},"));
                writer.WriteLine(line);
                var bytes = Encoding.UTF8.GetBytes(line);
                for (var r = from; r < Math.Min(to, Count + 1); r++)
                {
                    if (started[r])
                    {
                        hashes[r].AppendData("\n"u8);
                    }

                    hashes[r].AppendData(bytes);
                    started[r] = true;
                }
            }
        }

        _hashes[path] = hashes.Select(h => Convert.ToHexStringLower(h.GetHashAndReset())).ToArray();
    }

    /// <summary>A file every release holds unchanged, woven line by line.</summary>
    public void WovenFile(string path, byte[] bytes) =>
        Woven(path, Encoding.UTF8.GetString(bytes).Split('\n').Select(l => (1, Releases.Open, l)), header: null);

    /// <summary>A whole file as release <paramref name="from"/> holds it (and every later one, until another version).</summary>
    public void Whole(string path, int from, byte[] bytes)
    {
        var target = Path.Combine(_root, "files", from.ToString(CultureInfo.InvariantCulture), path);
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        File.WriteAllBytes(target, bytes);
        var sha = Convert.ToHexStringLower(SHA256.HashData(bytes));
        var hashes = _hashes.TryGetValue(path, out var known) ? known : _hashes[path] = new string[Count + 1];
        for (var r = from; r <= Count; r++)
        {
            hashes[r] = sha;
        }
    }

    /// <summary>A manifest per release (sha256sum's lines, by path) and releases.csv; one release a day from 2026-01-02.</summary>
    public void Finish()
    {
        Directory.CreateDirectory(Path.Combine(_root, "manifests"));
        var index = new StringBuilder("seq,id,published_at\n");
        for (var r = 1; r <= Count; r++)
        {
            var manifest = string.Concat(_hashes.OrderBy(h => h.Key, StringComparer.Ordinal).Select(h => $"{h.Value[r]}  {h.Key}\n"));
            var bytes = Encoding.UTF8.GetBytes(manifest);
            var id = Convert.ToHexStringLower(SHA256.HashData(bytes))[..16];
            File.WriteAllBytes(Path.Combine(_root, "manifests", id + ".sha256"), bytes);
            index.Append(CultureInfo.InvariantCulture, $"{r},{id},{new DateTime(2026, 1, 1, 12, 0, 0).AddDays(r):yyyy-MM-dd'T'HH:mm:ss'Z'}\n");
        }

        File.WriteAllText(Path.Combine(_root, "releases.csv"), index.ToString(), new UTF8Encoding(false));
    }
}
