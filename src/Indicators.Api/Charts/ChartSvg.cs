using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Xml;
using System.Xml.Linq;

namespace Indicators.Api.Charts;

/// <summary>
/// Writes a <see cref="ChartLayout"/> as SVG: no frame round the plot, no legend box (each mark is labelled
/// in the source's words), horizontal gridlines only, title and subtitle above, notes, source and data link
/// below. Every mark is a group carrying data-observation and data-qualifier, and its shape claims no more
/// than the words: a lower bound fades out upward (ending in an arrow) with no edge above its value, an upper
/// bound is capped at its value and fades out downward, an approximate figure has a soft top, and targets are
/// hatched with a dashed outline.
/// </summary>
internal static class ChartSvg
{
    public const string FontFamily = "DejaVu Sans, sans-serif";

    private static readonly XNamespace Ns = "http://www.w3.org/2000/svg";

    public static string Write(ChartModel model, int width, int? height, ChartTheme theme, bool sourceAndData = true)
    {
        var layout = ChartLayout.For(model, Footnotes(model), width, height, sourceAndData);
        var id = Id(model, layout, theme);
        var defs = new XElement(Ns + "defs");
        if (model.Bars.Any(m => m.IsGoal))
        {
            defs.Add(Hatch(id, theme));
        }

        var svg = new XElement(Ns + "svg",
            new XAttribute("width", layout.Width),
            new XAttribute("height", layout.Height),
            new XAttribute("viewBox", $"0 0 {layout.Width} {layout.Height}"),
            new XAttribute("role", "img"),
            new XAttribute("aria-labelledby", $"{id}-title {id}-desc"),
            new XAttribute("class", "indicator-chart"),
            new XAttribute("data-indicator", Clean(model.Code)),
            new XAttribute("data-theme", theme.Name),
            new XAttribute("font-family", FontFamily),
            new XElement(Ns + "title", new XAttribute("id", $"{id}-title"), Clean(model.Title)),
            new XElement(Ns + "desc", new XAttribute("id", $"{id}-desc"), Clean(model.Description())),
            defs,
            // The theme's background under everything, so a dark chart opened on its own is not dark on white.
            Rect("chart-background", 0, 0, layout.Width, layout.Height, theme.Background),
            Text(layout.Title, "chart-title", theme.Text),
            layout.Subtitle is { } subtitle ? Text(subtitle, "chart-subtitle", theme.Muted) : null,
            new XElement(Ns + "g", new XAttribute("class", "chart-grid"), layout.Ticks.Select(t => Gridline(t, layout, theme))),
            new XElement(Ns + "g", new XAttribute("class", "chart-marks"), layout.Marks.Select(p => Mark(p, id, theme, defs))),
            layout.Marks.Count == 0 ? null : Line("chart-baseline", layout.PlotLeft, layout.PlotBottom, layout.PlotRight, layout.PlotBottom, theme.Baseline, 1),
            new XElement(Ns + "g", new XAttribute("class", "chart-labels"), layout.Marks.Select(p => Label(p, theme))),
            new XElement(Ns + "g", new XAttribute("class", "chart-categories"),
                layout.Marks.Select(p => Text(p.Category, "chart-category", theme.Text, new XAttribute("data-observation", Clean(p.Mark.ObservationId))))),
            layout.Empty.Count == 0 ? null : new XElement(Ns + "g", new XAttribute("class", "chart-empty"),
                layout.Empty.Select((b, i) => Text(b, i == 0 ? "chart-empty-message" : "chart-empty-filters", theme.Text))),
            new XElement(Ns + "g", new XAttribute("class", "chart-footer"), layout.Footer.Select(f => Text(f.Block, f.Role, theme.Muted))));
        if (!defs.HasElements)
        {
            defs.Remove();
        }

        return svg.ToString(SaveOptions.DisableFormatting);
    }

    /// <summary>What the marks' shapes mean, only for the shapes drawn; then what is not drawn, and what is left out.</summary>
    private static List<string> Footnotes(ChartModel model)
    {
        var reading = new List<string>();
        if (model.Bars.Any(m => m.Shape == MarkShape.LowerBound))
        {
            reading.Add("fading upward with an arrow: a lower bound, the figure is more");
        }

        if (model.Bars.Any(m => m.Shape == MarkShape.UpperBound))
        {
            reading.Add("capped and fading downward: an upper bound, the figure is at most that");
        }

        if (model.Bars.Any(m => m.Shape == MarkShape.Approximate))
        {
            reading.Add("a soft top: an approximate figure");
        }

        if (model.Bars.Any(m => m.IsGoal))
        {
            reading.Add("hatched with a dashed outline: not an actual (a target, plan or work under construction)");
        }

        var notes = new List<string>();
        if (reading.Count > 0)
        {
            notes.Add("How to read the bars: " + string.Join("; ", reading) + ".");
        }

        if (model.NotDrawn.Count > 0)
        {
            notes.Add($"Not drawn (another unit): {string.Join("; ", model.NotDrawn)}.");
        }

        if (model.ShownOfTotal() is { } shown)
        {
            notes.Add(shown + ".");
        }

        return notes;
    }

    private static XElement Gridline(ChartTick tick, ChartLayout layout, ChartTheme theme) =>
        new(Ns + "g", new XAttribute("class", "chart-tick"), new XAttribute("data-value", F(tick.Value)),
            tick.Value == 0 ? null : Line("chart-gridline", layout.PlotLeft, tick.Y, layout.PlotRight, tick.Y, theme.Grid, 1),
            Text(tick.Label, "chart-axis", theme.Muted));

    private static XElement Mark(MarkPlace place, string id, ChartTheme theme, XElement defs)
    {
        var mark = place.Mark;
        var colour = mark.IsGoal ? theme.Goal : theme.Actual;
        var fill = mark.IsGoal ? $"url(#{id}-hatch)" : colour;
        var (left, right, value, baseline) = (place.Left, place.Right, place.ValueY, place.BaseY);
        var group = new XElement(Ns + "g",
            new XAttribute("class", $"mark mark-{Kebab(mark.Shape)} {(mark.IsGoal ? "mark-goal" : "mark-actual")}"),
            new XAttribute("data-observation", Clean(mark.ObservationId)),
            new XAttribute("data-qualifier", Clean(mark.Qualifier)),
            new XAttribute("data-kind", Clean(mark.Kind)),
            new XAttribute("data-value", F(mark.Value)));

        if (mark.Shape == MarkShape.Exact)
        {
            group.Add(Rect("mark-body", left, value, right, baseline, fill));
            if (mark.IsGoal)
            {
                group.Add(Outline($"M{F(left)} {F(baseline)}V{F(value)}H{F(right)}V{F(baseline)}", colour));
            }

            return group;
        }

        // The faded shapes: the body reaches past the value where the words leave it open, and a mask
        // fades it to nothing there, so no edge is drawn where the text sets no bound.
        var (top, stops, sidesTo) = mark.Shape switch
        {
            MarkShape.LowerBound => (place.Reach + 3, Stops(baseline, place.Reach + 3, opaqueTo: value), value),
            MarkShape.Approximate => (value - 7, Stops(baseline, value - 7, opaqueTo: value + 7), value + 7),
            _ => (value, new[] { (0.0, 0.0), (0.35, 0.35), (1.0, 1.0) }, value), // upper bound: from nothing at the baseline
        };
        defs.Add(Fade($"{id}-fade{place.Index}", left, top, right, baseline, stops));
        var masked = new XElement(Ns + "g", new XAttribute("mask", $"url(#{id}-fade{place.Index})"),
            Rect("mark-body", left, top, right, baseline, fill));
        if (mark.IsGoal)
        {
            masked.Add(Outline($"M{F(left)} {F(baseline)}V{F(sidesTo)}M{F(right)} {F(sidesTo)}V{F(baseline)}", colour));
        }

        group.Add(masked);
        if (mark.Shape == MarkShape.LowerBound)
        {
            var tip = place.Reach;
            group.Add(Chevron("mark-arrow mark-arrow-up", place.Center, tip, tip + 7, colour));
        }
        else if (mark.Shape == MarkShape.UpperBound)
        {
            group.Add(Line("mark-cap", left, value, right, value, colour, 3));
            if (baseline - value > 30)
            {
                group.Add(Chevron("mark-arrow mark-arrow-down", place.Center, value + 15, value + 8, theme.Background));
            }
        }

        return group;
    }

    /// <summary>Mask stops from the baseline (offset 0) up to the top of the drawn body (offset 1).</summary>
    private static (double Offset, double Opacity)[] Stops(double baseline, double top, double opaqueTo)
    {
        var solid = (baseline - opaqueTo) / (baseline - top);
        return [(0, 1), (solid, 1), (solid + ((1 - solid) * 0.45), 0.4), (1, 0)];
    }

    private static XElement Fade(string id, double left, double top, double right, double baseline, (double Offset, double Opacity)[] stops) =>
        new(Ns + "mask", new XAttribute("id", id), new XAttribute("maskUnits", "userSpaceOnUse"),
            new XAttribute("x", F(left - 2)), new XAttribute("y", F(top - 2)),
            new XAttribute("width", F(right - left + 4)), new XAttribute("height", F(baseline - top + 4)),
            new XElement(Ns + "linearGradient", new XAttribute("id", id + "-gradient"), new XAttribute("gradientUnits", "userSpaceOnUse"),
                new XAttribute("x1", "0"), new XAttribute("y1", F(baseline)), new XAttribute("x2", "0"), new XAttribute("y2", F(top)),
                stops.Select(s => new XElement(Ns + "stop", new XAttribute("offset", F(s.Offset, 3)),
                    new XAttribute("stop-color", "#fff"), new XAttribute("stop-opacity", F(s.Opacity, 2))))),
            new XElement(Ns + "rect", new XAttribute("x", F(left - 2)), new XAttribute("y", F(top - 2)),
                new XAttribute("width", F(right - left + 4)), new XAttribute("height", F(baseline - top + 4)),
                new XAttribute("fill", $"url(#{id}-gradient)")));

    private static XElement Hatch(string id, ChartTheme theme) =>
        new(Ns + "pattern", new XAttribute("id", $"{id}-hatch"), new XAttribute("patternUnits", "userSpaceOnUse"),
            new XAttribute("width", "7"), new XAttribute("height", "7"), new XAttribute("patternTransform", "rotate(45)"),
            new XElement(Ns + "rect", new XAttribute("width", "7"), new XAttribute("height", "7"), new XAttribute("fill", theme.GoalPale)),
            new XElement(Ns + "rect", new XAttribute("width", "3"), new XAttribute("height", "7"), new XAttribute("fill", theme.Goal)));

    private static XElement Label(MarkPlace place, ChartTheme theme) =>
        Text(place.Label, "chart-label", theme.Text,
            new XAttribute("data-observation", Clean(place.Mark.ObservationId)),
            new XAttribute("data-qualifier", Clean(place.Mark.Qualifier)),
            // A halo in the background colour keeps a gridline from running through the words.
            new XAttribute("stroke", theme.Background), new XAttribute("stroke-width", "3"),
            new XAttribute("stroke-linejoin", "round"), new XAttribute("paint-order", "stroke"));

    private static XElement Text(TextBlock block, string role, string fill, params XAttribute[] extra) =>
        new(Ns + "text",
            new XAttribute("class", role),
            new XAttribute("font-size", F(block.Size)),
            block.Bold ? new XAttribute("font-weight", "bold") : null,
            block.Anchor switch
            {
                TextAnchor.Middle => new XAttribute("text-anchor", "middle"),
                TextAnchor.End => new XAttribute("text-anchor", "end"),
                _ => null,
            },
            new XAttribute("fill", fill),
            extra,
            block.Lines.Select((line, i) => new XElement(Ns + "tspan",
                new XAttribute("x", F(block.X)), new XAttribute("y", F(block.Baseline(i))), Clean(line))));

    private static XElement Rect(string role, double left, double top, double right, double bottom, string fill) =>
        new(Ns + "rect", new XAttribute("class", role), new XAttribute("x", F(left)), new XAttribute("y", F(top)),
            new XAttribute("width", F(right - left)), new XAttribute("height", F(Math.Max(0, bottom - top))), new XAttribute("fill", fill));

    private static XElement Line(string role, double x1, double y1, double x2, double y2, string stroke, double width) =>
        new(Ns + "line", new XAttribute("class", role), new XAttribute("x1", F(x1)), new XAttribute("y1", F(y1)),
            new XAttribute("x2", F(x2)), new XAttribute("y2", F(y2)), new XAttribute("stroke", stroke), new XAttribute("stroke-width", F(width)));

    private static XElement Outline(string path, string stroke) =>
        new(Ns + "path", new XAttribute("class", "mark-outline"), new XAttribute("d", path), new XAttribute("fill", "none"),
            new XAttribute("stroke", stroke), new XAttribute("stroke-width", "1.5"), new XAttribute("stroke-dasharray", "5 3"));

    /// <summary>An open chevron (two strokes, no base) from its tip to its arms' ends.</summary>
    private static XElement Chevron(string role, double center, double tip, double arms, string stroke) =>
        new(Ns + "path", new XAttribute("class", role),
            new XAttribute("d", $"M{F(center - 6)} {F(arms)}L{F(center)} {F(tip)}L{F(center + 6)} {F(arms)}"),
            new XAttribute("fill", "none"), new XAttribute("stroke", stroke), new XAttribute("stroke-width", "2"),
            new XAttribute("stroke-linecap", "round"), new XAttribute("stroke-linejoin", "round"));

    /// <summary>
    /// Ids unique to this drawing, so several charts inlined in one page (a srcset's widths, two indicators)
    /// never share a title, mask or pattern id.
    /// </summary>
    private static string Id(ChartModel model, ChartLayout layout, ChartTheme theme)
    {
        var key = $"{model.DataUrl}|{layout.Width}|{layout.Height}|{theme.Name}";
        return "chart-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)))[..10];
    }

    private static string Kebab(MarkShape shape) => shape switch
    {
        MarkShape.LowerBound => "lower-bound",
        MarkShape.UpperBound => "upper-bound",
        MarkShape.Approximate => "approximate",
        _ => "exact",
    };

    /// <summary>Drops characters XML cannot hold (a control character in q=), which would otherwise fail the write.</summary>
    private static string Clean(string text)
    {
        if (text.All(XmlConvert.IsXmlChar))
        {
            return text;
        }

        var kept = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (XmlConvert.IsXmlChar(text[i]))
            {
                kept.Append(text[i]);
            }
            else if (i + 1 < text.Length && XmlConvert.IsXmlSurrogatePair(text[i + 1], text[i]))
            {
                kept.Append(text, i++, 2);
            }
        }

        return kept.ToString();
    }

    private static string F(double value, int decimals = 1) =>
        Math.Round(value, decimals).ToString(CultureInfo.InvariantCulture);
}
