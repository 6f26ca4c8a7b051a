using System.Globalization;
using System.Text;

namespace Indicators.Api.Citations;

/// <summary>
/// A BibTeX @misc entry, the type every BibTeX and biblatex style accepts for web documents and data.
/// Field values are escaped for TeX; the author is braced as a whole so BibTeX does not split the name
/// into first and last; the title is double-braced to keep its capitals.
/// </summary>
internal static class BibTex
{
    public static string Write(CitedWork work)
    {
        var fields = new List<(string Name, string Value)>();
        if (work.Author is not null)
        {
            fields.Add(("author", $"{{{Escape(work.Author)}}}"));
        }

        fields.Add(("title", $"{{{Escape(work.Title)}}}"));
        if (work.Published is { } published)
        {
            fields.Add(("year", published.Year.ToString(CultureInfo.InvariantCulture)));
            fields.Add(("month", published.ToString("MMM", CultureInfo.InvariantCulture).ToLowerInvariant()));
            fields.Add(("date", Iso(published)));
        }

        if (work.Publisher is not null)
        {
            fields.Add(("publisher", Escape(work.Publisher)));
        }

        if (work.Version is not null)
        {
            fields.Add(("version", Escape(work.Version)));
        }

        // url and urldate are biblatex's; the note says the same for classic BibTeX styles.
        fields.Add(("url", work.Url));
        fields.Add(("urldate", Iso(work.Accessed)));
        fields.Add(("note", Escape(string.Join(". ", work.Notes().Prepend($"Accessed {Iso(work.Accessed)}")))));

        var entry = new StringBuilder().Append("@misc{").Append(work.Key).Append(",\n");
        foreach (var (name, value) in fields)
        {
            // month takes a bare macro (sep); everything else is a braced string.
            var written = name == "month" ? value : $"{{{value}}}";
            entry.Append("  ").Append(name).Append(" = ").Append(written).Append(",\n");
        }

        return entry.Append("}\n").ToString();
    }

    /// <summary>TeX's special characters, so a title with "&amp;" or "%" compiles.</summary>
    public static string Escape(string value)
    {
        var text = new StringBuilder(value.Length);
        foreach (var c in value)
        {
            text.Append(c switch
            {
                '\\' => @"\textbackslash{}",
                '{' or '}' or '&' or '%' or '$' or '#' or '_' => "\\" + c,
                '~' => @"\textasciitilde{}",
                '^' => @"\textasciicircum{}",
                _ => c.ToString(),
            });
        }

        return text.ToString();
    }

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
