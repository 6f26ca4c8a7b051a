using System.Globalization;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;
using Indicators.Api.Import.Archive;

namespace Indicators.Api.Import.Versions;

/// <summary>
/// Reads archived lines of a curated CSV file as rows, many at once, under the header their release had.
/// Archived rows are not validated again: they were checked when published, by the rules of the day, and
/// the manifest proves they are unchanged since; rules that grow stricter later must not unpublish them.
/// A column the code expects but an older release lacks reads as empty.
/// </summary>
internal static class ArchivedRows
{
    private static readonly CsvConfiguration Configuration = new(CultureInfo.InvariantCulture)
    {
        HeaderValidated = null,
        MissingFieldFound = null,
        DetectColumnCountChanges = true,
        PrepareHeaderForMatch = args => args.Header.Trim(),
    };

    /// <summary>The rows of <paramref name="lines"/> (none of them empty), in order; a line that is not CSV throws with its index.</summary>
    public static List<T> Read<T>(ReadOnlyMemory<byte> header, IReadOnlyList<WeaveLine> lines)
    {
        using var reader = new LinesReader(header, lines);
        using var csv = new CsvReader(reader, Configuration);
        csv.Context.TypeConverterOptionsCache.GetOptions<string>().NullValues.Add(string.Empty);
        var rows = new List<T>(lines.Count);
        try
        {
            csv.Read();
            csv.ReadHeader();
            while (csv.Read())
            {
                rows.Add(csv.GetRecord<T>());
            }
        }
        catch (CsvHelperException ex)
        {
            throw new BadArchivedLineException(Math.Max(0, rows.Count), ex.Message.Split('\n', 2)[0].Trim());
        }

        if (rows.Count != lines.Count)
        {
            throw new BadArchivedLineException(Math.Min(rows.Count, lines.Count - 1), "this line does not read as one row");
        }

        return rows;
    }

    /// <summary>The header line and the lines, each followed by "\n", as one text, decoded line by line.</summary>
    private sealed class LinesReader(ReadOnlyMemory<byte> header, IReadOnlyList<WeaveLine> lines) : TextReader
    {
        private int _next = -1;
        private string _current = "";
        private int _at;

        public override int Peek() => Fill() ? _current[_at] : -1;

        public override int Read() => Fill() ? _current[_at++] : -1;

        public override int Read(char[] buffer, int index, int count)
        {
            var written = 0;
            while (written < count && Fill())
            {
                var take = Math.Min(count - written, _current.Length - _at);
                _current.CopyTo(_at, buffer, index + written, take);
                _at += take;
                written += take;
            }

            return written;
        }

        private bool Fill()
        {
            while (_at >= _current.Length)
            {
                if (_next >= lines.Count)
                {
                    return false;
                }

                var bytes = _next < 0 ? header.Span : lines[_next].Element.Span;
                var text = Encoding.UTF8.GetString(bytes);
                // A byte-order mark is the file's, not the first column's.
                _current = (_next < 0 ? text.TrimStart('\uFEFF') : text) + "\n";
                _at = 0;
                _next++;
            }

            return true;
        }
    }
}

/// <summary>An archived line that does not read as a row: <see cref="Index"/> is its place among the lines read.</summary>
internal sealed class BadArchivedLineException(int index, string message) : Exception(message)
{
    public int Index { get; } = index;
}
