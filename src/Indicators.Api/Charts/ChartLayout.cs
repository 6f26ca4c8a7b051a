using Indicators.Api.Observations;

namespace Indicators.Api.Charts;

/// <summary>A gridline and its number at the left of the plot.</summary>
internal sealed record ChartTick(double Value, double Y, TextBlock Label);

/// <summary>Where one mark is drawn: its column, the pixel of its value and of the baseline, and its texts.</summary>
/// <param name="Reach">The highest pixel the mark's drawing reaches (its fade and arrow included).</param>
internal sealed record MarkPlace(ChartMark Mark, int Index, double Center, double BarWidth, double ValueY, double BaseY, double Reach, TextBlock Label, TextBlock Category)
{
    public double Left => Center - (BarWidth / 2);

    public double Right => Center + (BarWidth / 2);
}

/// <summary>
/// The geometry of a chart drawn for one width. Everything is placed as boxes that are kept at least
/// <see cref="Gap"/> pixels apart (text from text, labels inside the drawing), and every text is at least
/// <see cref="MinimumTextSize"/> pixels at the width asked for, which is the width it is to be shown at.
/// </summary>
internal sealed record ChartLayout(
    int Width, int Height, double PlotLeft, double PlotRight, double PlotTop, double PlotBottom, double DomainMax,
    TextBlock Title, TextBlock? Subtitle, IReadOnlyList<ChartTick> Ticks, IReadOnlyList<MarkPlace> Marks,
    IReadOnlyList<TextBlock> Empty, IReadOnlyList<(string Role, TextBlock Block)> Footer)
{
    public const double MinimumTextSize = 12;
    public const double Gap = 4;

    /// <summary>The narrowest column a mark and its label get; past that a narrow chart shows the first figures.</summary>
    public const double MinimumColumn = 64;

    /// <summary>The least plot height, whatever height was asked for: below it the drawing grows.</summary>
    public const double MinimumPlotHeight = 110;

    /// <summary>The pixel row of a value.</summary>
    public double Y(double value) => PlotBottom - (value / DomainMax * (PlotBottom - PlotTop));

    /// <param name="sourceAndData">Print the source line and the data link under the chart; a page that shows them as links beside it need not.</param>
    public static ChartLayout For(ChartModel model, IReadOnlyList<string> footnotes, int width, int? height, bool sourceAndData = true)
    {
        var small = width < 520;
        var sizes = small ? new Sizes(17, 13, 13, 12, 12, 12)
            : width < 900 ? new Sizes(20, 15, 14, 13, 13, 13)
            : new Sizes(22, 16, 15, 14, 13, 13);
        var margin = small ? 12.0 : 20.0;
        var content = width - (2 * margin);

        var title = TextBlock.Wrapped(model.Title, content, margin, margin, sizes.Title, bold: true);
        var subtitle = model.Subtitle.Length == 0 ? null : TextBlock.Wrapped(model.Subtitle, content, margin, title.Bottom + 2, sizes.Subtitle);
        var plotTop = (subtitle?.Bottom ?? title.Bottom) + 16;

        var footer = new List<(string, TextBlock)>();
        foreach (var (role, text) in footnotes.Select(f => ("chart-note", f))
                     .Concat(sourceAndData ? [("chart-source", model.SourceLine), ("chart-data", "Get the data: " + WithoutScheme(model.CsvUrl))] : [])
                     .Where(f => f.Item2.Length > 0))
        {
            footer.Add((role, TextBlock.Wrapped(text, content, margin, 0, sizes.Footer, isUrl: role == "chart-data")));
        }

        var footerHeight = footer.Sum(f => f.Item2.Height + Gap) + 10;
        var marks = model.Bars;
        var integral = marks.All(m => m.Value == Math.Floor(m.Value));

        // The axis numbers' width sets where the plot starts; the numbers depend on the plot's height. Twice is enough.
        var plotLeft = margin + 40;
        var plotHeight = 0.0;
        var height0 = 0;
        List<MarkPlace> places = [];
        List<ChartTick> ticks = [];
        var domainMax = 1.0;
        List<TextBlock> empty = [];
        for (var pass = 0; pass < 2; pass++)
        {
            var plotWidth = width - margin - plotLeft;
            var columns = marks.Count == 0 ? 1 : marks.Count;
            var column = plotWidth / columns;
            var categories = Categories(marks, plotLeft, column, 0, sizes.Category);
            var categoriesHeight = categories.Count == 0 ? 0 : categories.Max(c => c.Bottom) + 6;

            var fixedHeight = plotTop + categoriesHeight + 14 + footerHeight + margin;
            plotHeight = height is { } asked
                ? Math.Max(MinimumPlotHeight, asked - fixedHeight)
                : Math.Clamp(Math.Round(width * (small ? 0.55 : 0.36)), 160, 420);
            height0 = (int)Math.Ceiling(height is { } h ? Math.Max(h, fixedHeight + plotHeight) : fixedHeight + plotHeight);
            var plotBottom = plotTop + plotHeight;

            if (marks.Count == 0)
            {
                var message = TextBlock.Wrapped(ChartModel.NoFiguresMatch, content, width / 2.0, plotTop + (plotHeight / 3), sizes.Subtitle, bold: true, TextAnchor.Middle);
                empty = [message, TextBlock.Wrapped(model.FiltersInWords(), content, width / 2.0, message.Bottom + 4, sizes.Label, anchor: TextAnchor.Middle)];

                ticks = [];
                places = [];
                break;
            }

            (domainMax, places, ticks) = PlaceMarks(
                marks, model.Unit!, new Box(plotLeft, plotTop, width - margin, plotBottom), column, width - margin, integral, sizes, small,
                categories.Select(c => c.MovedTo(c.X, c.Top + plotBottom + 6)).ToList());
            var widest = ticks.Max(t => t.Label.Width);
            var wanted = margin + widest + 8;
            if (Math.Abs(wanted - plotLeft) < 1)
            {
                break;
            }

            plotLeft = wanted;
        }

        // Footer blocks stack up from the bottom edge.
        var y = height0 - margin - footer.Sum(f => f.Item2.Height + Gap) + Gap;
        var placedFooter = new List<(string, TextBlock)>();
        foreach (var (role, block) in footer)
        {
            placedFooter.Add((role, block.MovedTo(block.X, y)));
            y += block.Height + Gap;
        }

        return new ChartLayout(
            width, height0, plotLeft, width - margin, plotTop, plotTop + plotHeight, domainMax,
            title, subtitle, ticks, places, empty, placedFooter);
    }

    /// <summary>The scheme is noise on a printed link; browsers take the address without it.</summary>
    private static string WithoutScheme(string url) =>
        url.StartsWith("https://", StringComparison.Ordinal) ? url[8..] : url.StartsWith("http://", StringComparison.Ordinal) ? url[7..] : url;

    /// <summary>Category names under each column, moved down where a long one would touch its neighbour.</summary>
    private static List<TextBlock> Categories(IReadOnlyList<ChartMark> marks, double plotLeft, double column, double top, double size)
    {
        var blocks = new List<TextBlock>();
        foreach (var (mark, i) in marks.Select((m, i) => (m, i)))
        {
            var block = TextBlock.Wrapped(mark.Category, column - (2 * Gap), plotLeft + ((i + 0.5) * column), top, size, anchor: TextAnchor.Middle);
            while (blocks.FirstOrDefault(b => b.Crowds(block, Gap)) is { } crowded)
            {
                block = block.MovedTo(block.X, crowded.Bottom + Gap);
            }

            blocks.Add(block);
        }

        return blocks;
    }

    /// <summary>
    /// Scales the value axis so every mark's label fits above its mark and under the subtitle, clear of other
    /// labels and of other marks: start from the largest value and give the axis headroom until nothing crowds.
    /// </summary>
    private static (double DomainMax, List<MarkPlace> Places, List<ChartTick> Ticks) PlaceMarks(
        IReadOnlyList<ChartMark> marks, UnitResponse unit, Box plot, double column, double right, bool integral, Sizes sizes, bool small,
        List<TextBlock> categories)
    {
        var highest = marks.Max(m => m.Value) is > 0 and var top ? top : 1;
        var barWidth = Math.Min(column * 0.6, small ? 72 : 96);
        var fade = Math.Clamp(plot.Height * 0.14, 20, 40);
        List<MarkPlace> Place(double domainMax)
        {
            var scale = plot.Height / domainMax;
            var geometry = marks.Select((mark, i) =>
            {
                var center = plot.Left + ((i + 0.5) * column);
                var valueY = plot.Bottom - (Math.Max(mark.Value, 0) * scale);
                var reach = mark.Shape switch
                {
                    MarkShape.LowerBound => valueY - fade - 3,
                    MarkShape.Approximate => valueY - 8,
                    MarkShape.UpperBound => valueY - 2,
                    _ => valueY,
                };
                return (mark, i, center, valueY, reach, bar: new Box(center - (barWidth / 2), reach, center + (barWidth / 2), plot.Bottom));
            }).ToList();

            var places = new List<MarkPlace>();
            var taken = new List<Box>();
            foreach (var (mark, i, center, valueY, reach, bar) in geometry)
            {
                var label = TextBlock.Wrapped(mark.Label, column - (2 * Gap), center, 0, sizes.Label, anchor: TextAnchor.Middle);
                // A label wider than its column stays inside the plot rather than over the axis numbers.
                var x = Math.Clamp(center, plot.Left + (label.Width / 2), right - (label.Width / 2));
                label = label.MovedTo(x, reach - 6 - label.Height);
                var obstacles = taken.Concat(geometry.Where(g => g.i != i).Select(g => g.bar)).ToList();
                while (obstacles.FirstOrDefault(o => o.Crowds(label.Box, Gap)) is { } crowded)
                {
                    label = label.MovedTo(label.X, crowded.Top - Gap - label.Height);
                }

                taken.Add(label.Box);
                places.Add(new MarkPlace(mark, i, center, barWidth, valueY, plot.Bottom, reach, label, categories[i]));
            }

            return places;
        }

        // The axis ends where the highest label needs it to, not at the next round number: a share drawn to
        // 80% gets gridlines to 100%, not an axis to 150% that only the label's headroom asked for.
        var domainMax = highest;
        for (var attempt = 0; attempt < 24; attempt++)
        {
            var places = Place(domainMax);
            if (places.All(p => p.Label.Top >= plot.Top))
            {
                break;
            }

            // For each mark, the axis at which its label (at its distance above the value) would just fit.
            domainMax = Math.Max(domainMax * 1.0001, places.Max(p =>
                Math.Max(p.Mark.Value, 0) * plot.Height / Math.Max(10, plot.Height - (p.ValueY - p.Label.Top))));
        }

        // But where the next round number is close, end on it, so the tallest bar sits under a gridline.
        var step = Step(domainMax, plot.Height, integral);
        var roundUp = Math.Ceiling((domainMax / step) - 1e-9) * step;
        if (roundUp <= domainMax * 1.15)
        {
            domainMax = roundUp;
        }

        var placed = Place(domainMax);
        var count = (int)Math.Floor((domainMax / step) + 1e-9);
        var ticks = Enumerable.Range(0, count + 1)
            .Select(k => k * step)
            .Select(v => (v, y: plot.Bottom - (v / domainMax * plot.Height)))
            .Select(t => new ChartTick(
                t.v, t.y, new TextBlock([FigureWording.AxisValue(t.v, unit)], plot.Left - 8, t.y - (sizes.Tick * 0.62), sizes.Tick, false, TextAnchor.End)))
            .ToList();
        return (domainMax, placed, ticks);
    }

    /// <summary>A round step (1, 2, 2.5 or 5 times a power of ten) giving gridlines about 48 px apart.</summary>
    private static double Step(double need, double plotHeight, bool integral)
    {
        var count = Math.Clamp(Math.Floor(plotHeight / 48), 2, 6);
        var raw = need / count;
        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(raw)));
        var step = new[] { 1, 2, 2.5, 5, 10 }.Select(f => f * magnitude).First(s => s >= raw - 1e-12);
        return integral ? Math.Max(1, Math.Round(step)) : step;
    }

    /// <summary>A rectangle in pixels: a text's estimated box, or the area a mark covers.</summary>
    internal sealed record Box(double Left, double Top, double Right, double Bottom)
    {
        public double Height => Bottom - Top;

        public bool Crowds(Box other, double gap) =>
            Left < other.Right + gap && other.Left < Right + gap && Top < other.Bottom + gap && other.Top < Bottom + gap;
    }

    private sealed record Sizes(double Title, double Subtitle, double Label, double Category, double Tick, double Footer);
}
