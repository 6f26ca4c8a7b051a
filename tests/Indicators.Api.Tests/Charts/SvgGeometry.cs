using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using static Indicators.Api.Tests.Charts.ChartCases;

namespace Indicators.Api.Tests.Charts;

/// <summary>A straight stroke of a drawing, from one point to another.</summary>
internal sealed record Segment(double X1, double Y1, double X2, double Y2)
{
    public bool IsHorizontal => Math.Abs(Y1 - Y2) < 0.01 && Math.Abs(X1 - X2) > 0.01;

    public double Top => Math.Min(Y1, Y2);

    public double Bottom => Math.Max(Y1, Y2);
}

/// <summary>Reads the strokes and fills of a chart's marks out of its SVG.</summary>
internal static partial class SvgGeometry
{
    [GeneratedRegex(@"([MLHV])\s*([-0-9.]+)(?:[ ,]([-0-9.]+))?")]
    private static partial Regex PathCommand();

    /// <summary>Every stroke a mark draws: its lines, its paths' segments, and the edges of stroked rectangles.</summary>
    public static IEnumerable<Segment> Strokes(XElement mark)
    {
        foreach (var line in mark.Descendants(SvgNs + "line"))
        {
            yield return new Segment(Number(line, "x1"), Number(line, "y1"), Number(line, "x2"), Number(line, "y2"));
        }

        foreach (var path in mark.Descendants(SvgNs + "path").Where(p => (string?)p.Attribute("stroke") is not null and not "none"))
        {
            foreach (var segment in Segments((string)path.Attribute("d")!))
            {
                yield return segment;
            }
        }

        foreach (var rect in mark.Descendants(SvgNs + "rect").Where(r => (string?)r.Attribute("stroke") is not null and not "none"))
        {
            var (x, y, w, h) = (Number(rect, "x"), Number(rect, "y"), Number(rect, "width"), Number(rect, "height"));
            yield return new Segment(x, y, x + w, y);
            yield return new Segment(x, y + h, x + w, y + h);
        }
    }

    /// <summary>The segments of a path written with absolute M, L, H and V commands (what the charts write).</summary>
    public static IEnumerable<Segment> Segments(string d)
    {
        double x = 0, y = 0;
        foreach (Match command in PathCommand().Matches(d))
        {
            var a = double.Parse(command.Groups[2].Value, CultureInfo.InvariantCulture);
            var b = command.Groups[3].Success ? double.Parse(command.Groups[3].Value, CultureInfo.InvariantCulture) : 0;
            var (nx, ny) = command.Groups[1].Value switch
            {
                "H" => (a, y),
                "V" => (x, a),
                _ => (a, b),
            };
            if (command.Groups[1].Value != "M")
            {
                yield return new Segment(x, y, nx, ny);
            }

            (x, y) = (nx, ny);
        }
    }

    /// <summary>
    /// The opacity a mark's fade mask gives at a pixel row, or 1 where the fill is not masked. The mask is a
    /// vertical linear gradient in user space (y1 at the baseline, y2 at the top), as the charts write it.
    /// </summary>
    public static double MaskOpacityAt(XElement rect, double y)
    {
        var masked = rect.Ancestors(SvgNs + "g").FirstOrDefault(g => g.Attribute("mask") is not null);
        if (masked is null)
        {
            return 1;
        }

        var id = Regex.Match((string)masked.Attribute("mask")!, @"url\(#(.+)\)").Groups[1].Value;
        var mask = rect.Document!.Descendants(SvgNs + "mask").Single(m => (string?)m.Attribute("id") == id);
        var gradient = mask.Descendants(SvgNs + "linearGradient").Single();
        var (y1, y2) = (Number(gradient, "y1"), Number(gradient, "y2"));
        var offset = Math.Clamp((y - y1) / (y2 - y1), 0, 1);
        var stops = gradient.Elements(SvgNs + "stop").Select(s => (Offset: Number(s, "offset"), Opacity: Number(s, "stop-opacity"))).ToList();
        var after = stops.FindIndex(s => s.Offset >= offset);
        if (after <= 0)
        {
            return after == 0 ? stops[0].Opacity : stops[^1].Opacity;
        }

        var (from, to) = (stops[after - 1], stops[after]);
        return from.Opacity + ((offset - from.Offset) / (to.Offset - from.Offset) * (to.Opacity - from.Opacity));
    }
}
