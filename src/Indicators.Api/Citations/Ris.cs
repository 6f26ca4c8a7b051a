using System.Globalization;
using System.Text;

namespace Indicators.Api.Citations;

/// <summary>A RIS record (what Zotero, EndNote and Mendeley import): tagged lines, CRLF, closed by ER.</summary>
internal static class Ris
{
    public static string Write(CitedWork work)
    {
        var lines = new List<(string Tag, string Value)> { ("TY", work.Type == "dataset" ? "DATA" : "ELEC") };
        if (work.Author is not null)
        {
            lines.Add(("AU", work.Author));
        }

        lines.Add(("TI", work.Title));
        if (work.Published is { } published)
        {
            lines.Add(("PY", published.Year.ToString(CultureInfo.InvariantCulture)));
            lines.Add(("DA", Date(published)));
        }

        if (work.Publisher is not null)
        {
            lines.Add(("PB", work.Publisher));
        }

        if (work.Version is not null)
        {
            lines.Add(("ET", work.Version));
        }

        lines.Add(("UR", work.Url));
        lines.AddRange(work.Notes().Select(note => ("N1", note)));
        lines.Add(("Y2", Date(work.Accessed)));
        lines.Add(("ID", work.Key));
        lines.Add(("ER", ""));

        var text = new StringBuilder();
        foreach (var (tag, value) in lines)
        {
            // RIS values are single lines: a line break inside one would start a bogus tag.
            text.Append(tag).Append("  - ").Append(value.ReplaceLineEndings(" ")).Append("\r\n");
        }

        return text.ToString();
    }

    private static string Date(DateOnly date) => date.ToString("yyyy'/'MM'/'dd'/'", CultureInfo.InvariantCulture);
}
