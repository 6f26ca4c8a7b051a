using System.Security;
using ScottPlot;

namespace Indicators.Api.Charts;

/// <summary>
/// Draws a <see cref="ChartModel"/> with ScottPlot: actuals as solid bars, targets and plans hatched with a
/// dashed outline, and a lower bound ("more than") with a faded, open-topped extension above its bar, so
/// nobody reads the bar's top as the figure's ceiling. The source line is the x-axis label, under the chart.
/// </summary>
internal static class ChartRenderer
{
    private static readonly Color Actual = Color.FromHex("#2b6cb0");
    private const string GoalHex = "#DD6B20";
    private static readonly Color Goal = Color.FromHex(GoalHex);

    public static byte[] Png(ChartModel model, int width, int height) =>
        Plot(model, width).GetImageBytes(width, height, ImageFormat.Png);

    /// <summary>The SVG with &lt;title&gt; and &lt;desc&gt; added, which ScottPlot does not write, for screen readers.</summary>
    public static string Svg(ChartModel model, int width, int height)
    {
        var svg = Plot(model, width).GetSvgXml(width, height);
        // Skia's SVG writer drops dash patterns and hatches, which tell a target from an actual without
        // relying on colour; put the dashes back on the targets' outlines.
        svg = svg.Replace($"stroke=\"{GoalHex}\" stroke-width=\"2\"", $"stroke=\"{GoalHex}\" stroke-width=\"2\" stroke-dasharray=\"8 5\"", StringComparison.Ordinal);
        var open = svg.IndexOf("<svg", StringComparison.Ordinal);
        var end = open < 0 ? -1 : svg.IndexOf('>', open);
        if (end < 0)
        {
            return svg;
        }

        var accessible = $"<title>{SecurityElement.Escape(model.Title)}</title><desc>{SecurityElement.Escape(model.Description())}</desc>";
        var tag = svg[open..end];
        var attributes = tag.Contains("role=", StringComparison.Ordinal) ? "" : " role=\"img\"";
        return svg[..end] + attributes + ">" + accessible + svg[(end + 1)..];
    }

    /// <summary>Breaks long lines at spaces: ScottPlot clips a label wider than the figure.</summary>
    private static string Wrap(string text, int maxChars)
    {
        var lines = new List<string>();
        foreach (var line in text.Split('\n'))
        {
            var current = "";
            foreach (var word in line.Split(' '))
            {
                if (current.Length > 0 && current.Length + 1 + word.Length > maxChars)
                {
                    lines.Add(current);
                    current = word;
                }
                else
                {
                    current = current.Length == 0 ? word : current + " " + word;
                }
            }

            lines.Add(current);
        }

        return string.Join('\n', lines);
    }

    private static Plot Plot(ChartModel model, int width)
    {
        var plot = new Plot();
        var bars = new List<Bar>();
        var top = model.Bars.Count == 0 ? 1 : model.Bars.Max(b => b.Value);
        for (var i = 0; i < model.Bars.Count; i++)
        {
            var bar = model.Bars[i];
            var color = bar.IsGoal ? Goal : Actual;
            bars.Add(new Bar
            {
                Position = i,
                Value = bar.Value,
                FillColor = bar.IsGoal ? color.WithAlpha(0.25) : color,
                FillHatch = bar.IsGoal ? new ScottPlot.Hatches.Striped() : null,
                FillHatchColor = color.WithAlpha(0.6),
                LineColor = color,
                LineWidth = bar.IsGoal ? 2 : 0,
                LinePattern = bar.IsGoal ? LinePattern.Dashed : LinePattern.Solid,
                Label = bar.IsLowerBound ? "" : bar.Label,
            });
            if (bar.IsLowerBound)
            {
                // The open top: a fading extension that says "and possibly more", labelled at its end.
                bars.Add(new Bar
                {
                    Position = i,
                    ValueBase = bar.Value,
                    Value = bar.Value + (top * 0.12),
                    FillColor = color.WithAlpha(0.15),
                    LineWidth = 0,
                    Label = bar.Label,
                });
            }
        }

        if (bars.Count > 0)
        {
            var plottable = plot.Add.Bars(bars);
            plottable.ValueLabelStyle.FontSize = 14;
        }

        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
            Enumerable.Range(0, model.Bars.Count).Select(i => (double)i).ToArray(),
            model.Bars.Select(b => b.Category).ToArray());
        plot.Axes.Bottom.MajorTickStyle.Length = 0;
        plot.Axes.Margins(bottom: 0, top: 0.4);
        plot.Title(model.Title, size: 16);
        plot.YLabel(model.UnitLabel, size: 13);
        var notDrawn = model.NotDrawn.Count == 0 ? "" : $"\nNot drawn (another unit): {string.Join("; ", model.NotDrawn)}";
        plot.XLabel(Wrap(model.SourceLine + notDrawn, width / 7), size: 11);
        plot.Grid.XAxisStyle.MajorLineStyle.Width = 0;

        // A key only for what is drawn, in the headroom the top margin keeps free of bars.
        if (model.Bars.Any(b => !b.IsGoal))
        {
            plot.Legend.ManualItems.Add(new LegendItem { LabelText = "Actual", FillColor = Actual });
        }

        if (model.Bars.Any(b => b.IsGoal))
        {
            plot.Legend.ManualItems.Add(new LegendItem
            {
                LabelText = "Target or plan", FillColor = Goal.WithAlpha(0.25), OutlineColor = Goal, OutlineWidth = 2,
            });
        }

        if (model.Bars.Any(b => b.IsLowerBound))
        {
            plot.Legend.ManualItems.Add(new LegendItem { LabelText = "Lower bound:\nmore than", FillColor = Actual.WithAlpha(0.15) });
        }

        plot.Legend.Alignment = Alignment.UpperLeft;
        plot.ShowLegend();
        return plot;
    }
}
