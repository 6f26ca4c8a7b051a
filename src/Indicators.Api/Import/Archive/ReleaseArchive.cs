using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Indicators.Api.Import.Archive;

/// <summary>One published release as the archive lists it (releases.csv), or the data folder's release not yet published.</summary>
/// <param name="Seq">Its place in publication order, from 1: what the corrections log names it by.</param>
/// <param name="PublishedAt">When it was published (UTC); null for the data folder's release, unpublished.</param>
/// <param name="Line">Its line in releases.csv (0 when not written there).</param>
internal sealed record ArchivedRelease(int Seq, string Id, DateTimeOffset? PublishedAt, Manifest Manifest, int Line)
{
    public bool IsPublished => PublishedAt is not null;
}

/// <summary>
/// The published releases, kept in the repository under <c>data/releases/</c> as text a reviewer reads in a
/// diff, from which the import rebuilds every one of them (it never runs git: a shallow clone or a ZIP has no
/// history). <c>releases.csv</c> lists them (seq, id, publication time); <c>manifests/&lt;id&gt;.sha256</c> is each
/// one's manifest, whose hash is its id; <c>rows/&lt;file&gt;.csv</c> holds every version of each curated CSV
/// file as line versions (see <see cref="Weave"/>); <c>files/&lt;seq&gt;/&lt;path&gt;</c> holds, byte for byte, each
/// version of every other file (source texts, the release note) from the release that first held it. Every
/// file of every manifest is rebuilt from these and checked against its hash, so a published release that
/// was edited in the archive is found, whichever line was touched.
/// </summary>
internal sealed class ReleaseArchive
{
    public const string FolderName = "releases";
    public const string IndexFile = "releases.csv";
    public const string ManifestsFolder = "manifests";
    public const string RowsFolder = "rows";
    public const string FilesFolder = "files";
    private const string IndexHeader = "seq,id,published_at";

    /// <summary>The schema is code, not data: manifests made before it left them list it, and it is not archived.</summary>
    public const string SchemaFile = "schema.sql";

    public const string TimeFormat = "yyyy-MM-dd'T'HH:mm:ss'Z'";

    private readonly string _root;
    private readonly string _display;
    private readonly List<ArchivedRelease> _releases;
    private readonly Dictionary<string, Weave> _weaves;
    private readonly Dictionary<string, List<StoredFile>> _files;
    private readonly HashSet<string> _stagedWeaves = new(StringComparer.Ordinal);

    private ReleaseArchive(
        string root, string display, List<ArchivedRelease> releases, Dictionary<string, Weave> weaves, Dictionary<string, List<StoredFile>> files)
    {
        _root = root;
        _display = display;
        _releases = releases;
        _weaves = weaves;
        _files = files;
    }

    /// <summary>Published releases first, then (when staged) the data folder's release.</summary>
    public IReadOnlyList<ArchivedRelease> Releases => _releases;

    public IReadOnlyDictionary<string, Weave> Weaves => _weaves;

    /// <summary>The seq of the release not yet written to the archive, or 0.</summary>
    public int StagedSeq { get; private set; }

    /// <summary>CSV files are kept as line versions; anything else as whole files.</summary>
    public static bool IsWoven(string path) => path.EndsWith(".csv", StringComparison.Ordinal);

    /// <summary>How messages name an archive file ("data/releases/rows/observations.csv").</summary>
    public string Display(params string[] parts) => string.Join('/', [_display, FolderName, .. parts]);

    /// <summary>The ids releases.csv lists, in order, read without checking anything else: what start-up compares a database with.</summary>
    public static List<string> ListedIds(string dataDirectory)
    {
        var index = Path.Combine(dataDirectory, FolderName, IndexFile);
        return File.Exists(index)
            ? File.ReadLines(index).Skip(1).Select(l => l.Split(',')).Where(c => c.Length == 3).Select(c => c[1]).ToList()
            : [];
    }

    /// <summary>Reads the archive of a data folder (none yet: empty); every malformed line is a file:line error.</summary>
    public static (ReleaseArchive Archive, List<ImportError> Errors) Read(string dataDirectory, string display)
    {
        var root = Path.Combine(dataDirectory, FolderName);
        var errors = new List<ImportError>();
        var archive = new ReleaseArchive(root, display, [], new(StringComparer.Ordinal), new(StringComparer.Ordinal));
        if (!Directory.Exists(root))
        {
            return (archive, errors);
        }

        archive.ReadIndex(errors);
        var rows = Path.Combine(root, RowsFolder);
        if (Directory.Exists(rows))
        {
            foreach (var file in Directory.EnumerateFiles(rows, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            {
                var path = Path.GetRelativePath(rows, file).Replace('\\', '/');
                var (weave, error) = Weave.Parse(path, File.ReadAllBytes(file), archive.Display(RowsFolder, path));
                if (error is not null)
                {
                    errors.Add(error);
                }
                else
                {
                    archive._weaves[path] = weave!;
                }
            }
        }

        var files = Path.Combine(root, FilesFolder);
        if (Directory.Exists(files))
        {
            foreach (var folder in Directory.EnumerateDirectories(files))
            {
                if (!int.TryParse(Path.GetFileName(folder), NumberStyles.None, CultureInfo.InvariantCulture, out var seq) || seq < 1)
                {
                    errors.Add(new ImportError(archive.Display(FilesFolder, Path.GetFileName(folder)), 0, "expected a folder named by a release number"));
                    continue;
                }

                foreach (var file in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories))
                {
                    var path = Path.GetRelativePath(folder, file).Replace('\\', '/');
                    archive.AddFile(new StoredFile(seq, path, file, null));
                }
            }
        }

        return (archive, errors);
    }

    private void ReadIndex(List<ImportError> errors)
    {
        var index = Path.Combine(_root, IndexFile);
        var display = Display(IndexFile);
        if (!File.Exists(index))
        {
            errors.Add(new ImportError(display, 0, "file not found: the archive lists its releases here"));
            return;
        }

        var lines = File.ReadAllText(index, CodePoints.StrictUtf8).Split('\n');
        if (lines[0] != IndexHeader)
        {
            errors.Add(new ImportError(display, 1, $"the header must be '{IndexHeader}'"));
            return;
        }

        for (var i = 1; i < lines.Length; i++)
        {
            var number = i + 1;
            if (lines[i].Length == 0 && i == lines.Length - 1)
            {
                break;
            }

            var cells = lines[i].Split(',');
            if (cells.Length != 3
                || !int.TryParse(cells[0], NumberStyles.None, CultureInfo.InvariantCulture, out var seq)
                || !IsId(cells[1])
                || !DateTimeOffset.TryParseExact(cells[2], TimeFormat, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var publishedAt))
            {
                errors.Add(new ImportError(display, number, $"expected seq,id,published_at (a number, 16 hex digits, {TimeFormat.Replace("'", "", StringComparison.Ordinal)})"));
                continue;
            }

            if (seq != _releases.Count + 1)
            {
                errors.Add(new ImportError(display, number, $"release {seq} follows release {_releases.Count}: releases are numbered 1, 2, 3 ... in publication order"));
                continue;
            }

            if (_releases.Any(r => r.Id == cells[1]))
            {
                errors.Add(new ImportError(display, number, $"release {cells[1]} is listed twice"));
                continue;
            }

            if (_releases.Count > 0 && publishedAt < _releases[^1].PublishedAt)
            {
                errors.Add(new ImportError(display, number, $"published {cells[2]}, before release {_releases.Count} ({_releases[^1].PublishedAt:yyyy-MM-ddTHH:mm:ssZ})"));
                continue;
            }

            var manifestDisplay = Display(ManifestsFolder, cells[1] + ".sha256");
            var manifestPath = Path.Combine(_root, ManifestsFolder, cells[1] + ".sha256");
            if (!File.Exists(manifestPath))
            {
                errors.Add(new ImportError(display, number, $"release {seq} has no manifest ({manifestDisplay})"));
                continue;
            }

            var (manifest, error) = Manifest.Parse(File.ReadAllBytes(manifestPath), manifestDisplay);
            if (error is not null)
            {
                errors.Add(error);
                continue;
            }

            if (manifest!.Id != cells[1])
            {
                errors.Add(new ImportError(manifestDisplay, 1,
                    $"this manifest hashes to {manifest.Id}, not to the id it is published under: a published release was edited"));
                continue;
            }

            _releases.Add(new ArchivedRelease(seq, cells[1], publishedAt, manifest, number));
        }
    }

    public static bool IsId(string value) => value.Length == Manifest.IdLength && value.All(char.IsAsciiHexDigitLower);

    /// <summary>
    /// Checks that the archive rebuilds every file of every release to the hash its manifest gives, and holds
    /// nothing for a release it does not list (a publication interrupted half-way, say).
    /// </summary>
    public List<ImportError> Verify()
    {
        var errors = new List<ImportError>();
        var last = _releases.Count;
        foreach (var (path, weave) in _weaves)
        {
            foreach (var line in weave.Lines)
            {
                if (line.From > last || (line.To != WeaveLine.Open && line.To > last))
                {
                    errors.Add(new ImportError(Display(RowsFolder, path), line.Line,
                        $"names release {(line.From > last ? line.From : line.To)}, but {IndexFile} lists {last}: was a publication interrupted? Restore data/{FolderName} from the repository"));
                    return errors;
                }
            }
        }

        foreach (var (path, versions) in _files)
        {
            if (versions.FirstOrDefault(v => v.Seq > last) is { } stray)
            {
                errors.Add(new ImportError(Display(FilesFolder, stray.Seq.ToString(CultureInfo.InvariantCulture), path), 0,
                    $"is filed under release {stray.Seq}, but {IndexFile} lists {last}"));
            }
        }

        foreach (var (path, weave) in _weaves)
        {
            VerifyWeave(path, weave, errors);
        }

        foreach (var release in _releases)
        {
            foreach (var entry in release.Manifest.Files.Where(f => !IsWoven(f.Path) && f.Path != SchemaFile))
            {
                var stored = StoredAt(entry.Path, release.Seq);
                if (stored is null || stored.Sha256 != entry.Sha256)
                {
                    errors.Add(new ImportError(Display(ManifestsFolder, release.Id + ".sha256"), entry.Line, stored is null
                        ? $"release {release.Seq} lists {entry.Path}, but the archive holds no copy of it ({Display(FilesFolder, "<release>", entry.Path)})"
                        : $"release {release.Seq} rebuilds {entry.Path} from {stored.Display(this)} with SHA-256 {stored.Sha256}, not the manifest's: a published release was edited"));
                }
            }

            foreach (var entry in release.Manifest.Files.Where(f => IsWoven(f.Path) && !_weaves.ContainsKey(f.Path)))
            {
                errors.Add(new ImportError(Display(ManifestsFolder, release.Id + ".sha256"), entry.Line,
                    $"release {release.Seq} lists {entry.Path}, but the archive has no {Display(RowsFolder, entry.Path)}"));
            }
        }

        return errors;
    }

    /// <summary>One pass over a woven file, hashing every release's version of it at once.</summary>
    private void VerifyWeave(string path, Weave weave, List<ImportError> errors)
    {
        var hashes = new IncrementalHash?[_releases.Count + 1];
        var started = new bool[_releases.Count + 1];
        foreach (var release in _releases.Where(r => r.Manifest.Holds(path)))
        {
            hashes[release.Seq] = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        }

        ReadOnlySpan<byte> newline = "\n"u8;
        foreach (var line in weave.Lines)
        {
            var until = Math.Min(line.To, _releases.Count + 1);
            for (var seq = line.From; seq < until; seq++)
            {
                if (hashes[seq] is not { } hash)
                {
                    errors.Add(new ImportError(Display(RowsFolder, path), line.Line,
                        $"belongs to release {seq}, whose manifest has no {path}: a published release was edited"));
                    return;
                }

                if (started[seq])
                {
                    hash.AppendData(newline);
                }

                hash.AppendData(line.Element.Span);
                started[seq] = true;
            }
        }

        foreach (var release in _releases.Where(r => hashes[r.Seq] is not null))
        {
            using var hash = hashes[release.Seq]!;
            var sha = Convert.ToHexStringLower(hash.GetHashAndReset());
            var entry = release.Manifest.Files.First(f => f.Path == path);
            if (sha != entry.Sha256)
            {
                errors.Add(new ImportError(Display(ManifestsFolder, release.Id + ".sha256"), entry.Line,
                    $"release {release.Seq} rebuilds {path} from {Display(RowsFolder, path)} with SHA-256 {sha}, not the manifest's: a published release was edited"));
            }
        }
    }

    /// <summary>The bytes of a file as release <paramref name="seq"/> held it (a source text, the release note), or null.</summary>
    public byte[]? FileAt(string path, int seq)
    {
        if (HashAt(path, seq) is null)
        {
            return null;
        }

        return IsWoven(path) ? _weaves.GetValueOrDefault(path)?.Extract(seq) : StoredAt(path, seq)?.Bytes;
    }

    /// <summary>The SHA-256 release <paramref name="seq"/> gives a file, or null when it has none.</summary>
    public string? HashAt(string path, int seq) => seq >= 1 && seq <= _releases.Count ? _releases[seq - 1].Manifest.HashOf(path) : null;

    /// <summary>Where an archived file of release <paramref name="seq"/> is kept, for messages.</summary>
    public string DisplayOfFile(string path, int seq) => IsWoven(path)
        ? Display(RowsFolder, path)
        : StoredAt(path, seq)?.Display(this) ?? Display(FilesFolder, seq.ToString(CultureInfo.InvariantCulture), path);

    private StoredFile? StoredAt(string path, int seq) =>
        _files.TryGetValue(path, out var versions) ? versions.LastOrDefault(v => v.Seq <= seq) : null;

    private void AddFile(StoredFile file)
    {
        if (!_files.TryGetValue(file.Path, out var versions))
        {
            _files[file.Path] = versions = [];
        }

        versions.Add(file);
        versions.Sort((a, b) => a.Seq.CompareTo(b.Seq));
    }

    /// <summary>
    /// Adds the data folder's release after the published ones, in memory: its CSV files as new line versions,
    /// any other file that differs from the version before as a new copy. <paramref name="publishedAt"/> null
    /// keeps it unpublished; <see cref="WriteStaged"/> then writes nothing but it is still built and served.
    /// </summary>
    public void Stage(Manifest manifest, Func<string, byte[]> read, DateTimeOffset? publishedAt)
    {
        var seq = _releases.Count + 1;
        foreach (var entry in manifest.Files.Where(f => f.Path != SchemaFile))
        {
            if (IsWoven(entry.Path))
            {
                var weave = _weaves.TryGetValue(entry.Path, out var existing) ? existing : new Weave(entry.Path, []);
                _weaves[entry.Path] = weave.Append(seq, read(entry.Path));
                _stagedWeaves.Add(entry.Path);
            }
            else if (StoredAt(entry.Path, seq)?.Sha256 != entry.Sha256)
            {
                AddFile(new StoredFile(seq, entry.Path, null, read(entry.Path)));
            }
        }

        // A CSV file the new release no longer has: its lines end here.
        foreach (var (path, weave) in _weaves.Where(w => !manifest.Holds(w.Key) && w.Value.Lines.Any(l => l.To == WeaveLine.Open)).ToList())
        {
            _weaves[path] = weave.Append(seq, null);
            _stagedWeaves.Add(path);
        }

        _releases.Add(new ArchivedRelease(seq, manifest.Id, publishedAt, manifest, 0));
        StagedSeq = seq;
    }

    /// <summary>Writes the staged release into data/releases: files, rows and manifest first, the index line last (the commit point).</summary>
    public void WriteStaged()
    {
        var release = _releases.Single(r => r.Seq == StagedSeq);
        var time = release.PublishedAt!.Value.UtcDateTime.ToString(TimeFormat, CultureInfo.InvariantCulture);
        foreach (var file in _files.Values.SelectMany(v => v).Where(f => f.Seq == StagedSeq))
        {
            WriteAtomically(Path.Combine(_root, FilesFolder, StagedSeq.ToString(CultureInfo.InvariantCulture), file.Path), file.Bytes);
        }

        foreach (var path in _stagedWeaves)
        {
            WriteAtomically(Path.Combine(_root, RowsFolder, path), _weaves[path].Serialize());
        }

        WriteAtomically(Path.Combine(_root, ManifestsFolder, release.Id + ".sha256"), release.Manifest.Bytes);
        var index = Path.Combine(_root, IndexFile);
        var existing = File.Exists(index) ? File.ReadAllBytes(index) : Encoding.UTF8.GetBytes(IndexHeader + "\n");
        WriteAtomically(index, [.. existing, .. Encoding.UTF8.GetBytes($"{StagedSeq},{release.Id},{time}\n")]);
    }

    private static void WriteAtomically(string path, byte[] bytes)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temporary = path + ".publishing";
        File.WriteAllBytes(temporary, bytes);
        File.Move(temporary, path, overwrite: true);
    }

    /// <summary>One archived whole-file version; its bytes are read (and hashed) once, when first asked for.</summary>
    private sealed class StoredFile(int seq, string path, string? fullPath, byte[]? bytes)
    {
        private byte[]? _bytes = bytes;
        private string? _sha256;

        public int Seq { get; } = seq;

        public string Path { get; } = path;

        public byte[] Bytes => _bytes ??= File.ReadAllBytes(fullPath!);

        public string Sha256 => _sha256 ??= Manifest.Sha256(Bytes);

        public string Display(ReleaseArchive archive) =>
            archive.Display(FilesFolder, Seq.ToString(CultureInfo.InvariantCulture), Path);
    }
}
