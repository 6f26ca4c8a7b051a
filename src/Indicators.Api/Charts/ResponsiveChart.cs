using System.Globalization;
using System.Text;

namespace Indicators.Api.Charts;

/// <summary>
/// A chart for a box whose width the server does not know (an iframe at width:100%, a page column): the
/// chart is drawn at several widths and CSS shows the one drawn for the width there is, at its own size.
/// Scaling one drawing down instead shrinks its text (an 800 px chart in a 360 px frame sets 12 px text at
/// 5 px). No script: media queries in a frame answer to the frame's width.
/// </summary>
internal static class ResponsiveChart
{
    /// <summary>The widths drawn: each is shown from its width up to the next one's. A page's srcset offers the same.</summary>
    public static readonly IReadOnlyList<int> Widths = [300, 380, 480, 640, 800, 960, 1280];

    /// <summary>The style the markup needs; a page puts it in its own stylesheet (its CSP hashes it).</summary>
    public static readonly string Css = BuildCss();

    /// <summary>
    /// The widths drawn for a box at most <paramref name="maxWidth"/> wide: the fixed widths up to it (the widest
    /// then serves any wider box), or just <paramref name="maxWidth"/> when it is narrower than them all.
    /// </summary>
    public static IReadOnlyList<int> WidthsUpTo(int maxWidth) =>
        Widths.Where(w => w <= maxWidth).ToList() is { Count: > 0 } fixedWidths ? fixedWidths : [maxWidth];

    /// <summary>One inline SVG per width up to <paramref name="maxWidth"/>, each shown only where it fits.</summary>
    public static string Markup(ChartModel model, int maxWidth, int? height, ChartTheme theme, bool sourceAndData = true)
    {
        var widths = WidthsUpTo(maxWidth);
        var html = new StringBuilder("<div class=\"chart-responsive\">");
        foreach (var (width, i) in widths.Select((w, i) => (w, i)))
        {
            var classes = widths.Count == 1 ? "chart-band chart-band-only"
                : i == widths.Count - 1 ? $"chart-band chart-band-{width} chart-band-last"
                : $"chart-band chart-band-{width}";
            html.Append("<div class=\"").Append(classes).Append("\">")
                .Append(ChartRenderer.Svg(model, width, height, theme, sourceAndData))
                .Append("</div>");
        }

        return html.Append("</div>").ToString();
    }

    private static string BuildCss()
    {
        var css = new StringBuilder(".chart-band{display:none}.chart-band-only{display:block}")
            .Append(".chart-band svg{display:block;margin:0 auto;max-width:100%;height:auto}");
        for (var i = 0; i < Widths.Count; i++)
        {
            var from = i == 0 ? "" : $"(min-width:{Widths[i]}px)";
            var to = i == Widths.Count - 1 ? "" : string.Create(CultureInfo.InvariantCulture, $"(max-width:{Widths[i + 1] - 0.02}px)");
            var query = string.Join(" and ", new[] { from, to }.Where(q => q.Length > 0));
            css.Append(CultureInfo.InvariantCulture, $"@media {query}{{.chart-band-{Widths[i]}{{display:block}}}}");
            if (i < Widths.Count - 1)
            {
                // The widest drawing of a narrower embed also serves every wider box.
                css.Append(CultureInfo.InvariantCulture, $"@media (min-width:{Widths[i + 1]}px){{.chart-band-last.chart-band-{Widths[i]}{{display:block}}}}");
            }
        }

        return css.ToString();
    }
}
