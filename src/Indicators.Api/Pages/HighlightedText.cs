using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;

namespace Indicators.Api.Pages;

/// <summary>A quoted span of a source text, in Unicode code points like the citation offsets.</summary>
internal sealed record QuotedSpan(string ObservationId, int Start, int End);

/// <summary>
/// Renders a source text as HTML with every quoted span in a &lt;mark&gt;. Quotes overlap (two figures can
/// share one quote; neighbouring quotes share words), and HTML elements cannot, so the text is cut at
/// every quote's start and end into segments; each segment that some quote covers becomes one mark
/// listing those quotes (data-obs). The segment where a quote starts carries its anchor, obs-{id}, so a
/// reader following a citation lands on the first word of the sentence.
/// </summary>
internal static class HighlightedText
{
    /// <summary>Escapes markup but keeps non-ASCII text as it is: the page is UTF-8.</summary>
    public static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    public static string Render(string text, IReadOnlyList<QuotedSpan> spans)
    {
        var offsets = CodePointOffsets(text);
        var length = offsets.Length - 1;
        var valid = spans.Where(s => s.Start >= 0 && s.Start < s.End && s.End <= length).ToList();
        var cuts = valid.SelectMany(s => new[] { s.Start, s.End }).Append(0).Append(length).Distinct().Order().ToList();

        var html = new StringBuilder(text.Length * 2);
        for (var i = 0; i + 1 < cuts.Count; i++)
        {
            var (from, to) = (cuts[i], cuts[i + 1]);
            var segment = Encoder.Encode(text[offsets[from]..offsets[to]]);
            var covering = valid.Where(s => s.Start <= from && s.End >= to).ToList();
            if (covering.Count == 0)
            {
                html.Append(segment);
                continue;
            }

            var starting = covering.Where(s => s.Start == from).Select(s => Anchor(s.ObservationId)).ToList();
            html.Append("<mark data-obs=\"")
                .Append(Encoder.Encode(string.Join(' ', covering.Select(s => s.ObservationId))))
                .Append('"');
            if (starting.Count > 0)
            {
                html.Append(" id=\"").Append(starting[0]).Append('"');
            }

            html.Append('>');
            // An element has one id; further quotes starting here get an empty anchor each.
            foreach (var anchor in starting.Skip(1))
            {
                html.Append("<span id=\"").Append(anchor).Append("\"></span>");
            }

            html.Append(segment).Append("</mark>");
        }

        return html.ToString();
    }

    /// <summary>
    /// The rules that outline a quote's every segment when its anchor is the target. The anchor can sit on one
    /// element only (the first segment), and a quote that overlaps another spans several marks, so each quote
    /// gets a rule: while its anchor is :target, every mark listing it in data-obs is outlined.
    /// </summary>
    public static string TargetStyle(IEnumerable<QuotedSpan> spans)
    {
        var css = new StringBuilder();
        foreach (var id in spans.Select(s => s.ObservationId).Distinct())
        {
            var value = CssString(id);
            css.Append(":root:has([id=\"obs-").Append(value).Append("\"]:target) mark[data-obs~=\"").Append(value)
                .Append("\"]{background:var(--target);color:var(--bg);outline:2px solid var(--target)}\n");
        }

        return css.ToString();
    }

    /// <summary>The inside of a CSS string: quotes and backslashes escaped, and &lt; so no text can close the style element.</summary>
    private static string CssString(string value)
    {
        var css = new StringBuilder(value.Length);
        foreach (var c in value)
        {
            _ = c is '"' or '\\' or '<' or '>' or '&' || char.IsControl(c)
                ? css.Append('\\').Append(((int)c).ToString("x", System.Globalization.CultureInfo.InvariantCulture)).Append(' ')
                : css.Append(c);
        }

        return css.ToString();
    }

    /// <summary>The fragment id of an observation's first highlighted segment.</summary>
    public static string Anchor(string observationId) => Encoder.Encode("obs-" + observationId);

    /// <summary>The UTF-16 index of each code point, plus the end: offsets[n] is where code point n starts.</summary>
    private static int[] CodePointOffsets(string text)
    {
        var offsets = new List<int>(text.Length + 1);
        for (var i = 0; i < text.Length; i += char.IsSurrogatePair(text, i) ? 2 : 1)
        {
            offsets.Add(i);
        }

        offsets.Add(text.Length);
        return [.. offsets];
    }
}
