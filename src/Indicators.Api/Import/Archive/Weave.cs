using System.Globalization;
using System.Text;

namespace Indicators.Api.Import.Archive;

/// <summary>
/// Every published version of one curated CSV file, as one text file of line versions: each line of the
/// archive is <c>from,to,</c> followed by one line of the curated file, byte for byte. The line belongs to
/// releases <c>from</c> up to but not including <c>to</c> (empty: still in the newest release). The lines
/// of a release, in archive order, joined by "\n", are that release's file exactly (a file that ends with a
/// line break ends with an empty line). A row that changes is the old line closed (its <c>to</c> set) and the
/// new one inserted after it, so a publication shows in a diff as a few changed and added lines.
/// </summary>
internal sealed class Weave(string path, List<WeaveLine> lines)
{
    /// <summary>The curated file's path relative to the data folder (observations.csv).</summary>
    public string Path { get; } = path;

    public List<WeaveLine> Lines { get; } = lines;

    /// <summary>The lines of release <paramref name="seq"/>, in order.</summary>
    public IEnumerable<WeaveLine> At(int seq) => Lines.Where(l => l.IsIn(seq));

    /// <summary>The file as release <paramref name="seq"/> held it.</summary>
    public byte[] Extract(int seq)
    {
        using var buffer = new MemoryStream();
        var first = true;
        foreach (var line in At(seq))
        {
            if (!first)
            {
                buffer.WriteByte((byte)'\n');
            }

            buffer.Write(line.Element.Span);
            first = false;
        }

        return buffer.ToArray();
    }

    /// <summary>Reads an archive file; a line that is not <c>from,to,</c> plus text is a file:line error.</summary>
    public static (Weave? Weave, ImportError? Error) Parse(string path, byte[] bytes, string display)
    {
        var lines = new List<WeaveLine>();
        var at = 0;
        var number = 0;
        while (at < bytes.Length)
        {
            number++;
            var end = Array.IndexOf(bytes, (byte)'\n', at);
            if (end < 0)
            {
                return (null, new ImportError(display, number, "the last line has no line break: the file was cut short"));
            }

            var span = bytes.AsSpan(at, end - at);
            var firstComma = span.IndexOf((byte)',');
            var secondComma = firstComma < 0 ? -1 : span[(firstComma + 1)..].IndexOf((byte)',') + firstComma + 1;
            if (firstComma <= 0 || secondComma <= firstComma
                || !TryReadSeq(span[..firstComma], out var from)
                || !TryReadOptionalSeq(span[(firstComma + 1)..secondComma], out var to)
                || to <= from)
            {
                return (null, new ImportError(display, number,
                    "expected 'from,to,' (release numbers, to empty or after from) and then a line of the file"));
            }

            lines.Add(new WeaveLine(from, to, bytes.AsMemory(at + secondComma + 1, end - at - secondComma - 1), number));
            at = end + 1;
        }

        return (new Weave(path, lines), null);
    }

    /// <summary>The archive file's bytes.</summary>
    public byte[] Serialize()
    {
        using var buffer = new MemoryStream();
        foreach (var line in Lines)
        {
            buffer.Write(Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture,
                $"{line.From},{(line.To == WeaveLine.Open ? "" : line.To.ToString(CultureInfo.InvariantCulture))},")));
            buffer.Write(line.Element.Span);
            buffer.WriteByte((byte)'\n');
        }

        return buffer.ToArray();
    }

    /// <summary>
    /// This weave with release <paramref name="seq"/> added, whose file is <paramref name="file"/> (null: the
    /// release has no such file). Lines the new file keeps stay as they are; lines it drops are closed at
    /// <paramref name="seq"/>; its new lines go in just before the next line it keeps, so that every earlier
    /// release still reads the same and the new one reads <paramref name="file"/>.
    /// </summary>
    public Weave Append(int seq, byte[]? file)
    {
        var openIndexes = Lines.Select((l, i) => (l, i)).Where(p => p.l.To == WeaveLine.Open).Select(p => p.i).ToList();
        var newElements = file is null ? [] : SplitLines(file);
        var old = openIndexes.Select(i => Lines[i].Element).ToList();
        var matches = LineDiff.Match(old, newElements);

        // For each kept open line, the new lines that go just before it (with their line in the new file); the rest go at the end.
        var numbered = newElements.Select((e, i) => new WeaveLine(seq, WeaveLine.Open, e, i + 1)).ToList();
        var insertBefore = new Dictionary<int, List<WeaveLine>>();
        var kept = new HashSet<int>();
        var nextNew = 0;
        foreach (var (oldIndex, newIndex) in matches)
        {
            var weaveIndex = openIndexes[oldIndex];
            kept.Add(weaveIndex);
            if (newIndex > nextNew)
            {
                insertBefore[weaveIndex] = numbered.GetRange(nextNew, newIndex - nextNew);
            }

            nextNew = newIndex + 1;
        }

        var result = new List<WeaveLine>(Lines.Count + newElements.Count - matches.Count);
        for (var i = 0; i < Lines.Count; i++)
        {
            if (insertBefore.TryGetValue(i, out var inserted))
            {
                result.AddRange(inserted);
            }

            var line = Lines[i];
            result.Add(line.To == WeaveLine.Open && !kept.Contains(i) ? line with { To = seq } : line);
        }

        result.AddRange(numbered.Skip(nextNew));
        return new Weave(Path, result);
    }

    /// <summary>A file's lines as the weave holds them: split at "\n", so a final line break gives a last, empty line.</summary>
    public static List<ReadOnlyMemory<byte>> SplitLines(byte[] file)
    {
        var lines = new List<ReadOnlyMemory<byte>>();
        var at = 0;
        for (var end = Array.IndexOf(file, (byte)'\n'); end >= 0; end = Array.IndexOf(file, (byte)'\n', at))
        {
            lines.Add(file.AsMemory(at, end - at));
            at = end + 1;
        }

        lines.Add(file.AsMemory(at));
        return lines;
    }

    private static bool TryReadSeq(ReadOnlySpan<byte> digits, out int seq) =>
        int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out seq) && seq >= 1;

    private static bool TryReadOptionalSeq(ReadOnlySpan<byte> digits, out int seq)
    {
        if (digits.IsEmpty)
        {
            seq = WeaveLine.Open;
            return true;
        }

        return TryReadSeq(digits, out seq);
    }
}

/// <summary>One line of a curated file and the releases that hold it: <c>From</c> up to, not including, <c>To</c>.</summary>
/// <param name="Line">
/// For a line read from the archive, its line number there; for a line of a release not yet written to the
/// archive (the data folder's), its line number in the data folder's file. Either way, where to point a message.
/// </param>
internal readonly record struct WeaveLine(int From, int To, ReadOnlyMemory<byte> Element, int Line)
{
    /// <summary>The <c>To</c> of a line the newest release still holds.</summary>
    public const int Open = int.MaxValue;

    public bool IsIn(int seq) => From <= seq && seq < To;
}
