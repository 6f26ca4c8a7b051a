using Indicators.Api.Observations;

namespace Indicators.Api.Charts;

/// <summary>How much a figure's words let its mark claim: the shape follows the figure's bounds.</summary>
internal enum MarkShape
{
    /// <summary>An exact figure: a bar with a closed top at the value.</summary>
    Exact,

    /// <summary>"more than", "at least": solid up to the value, then fading upward with an arrow; no top.</summary>
    LowerBound,

    /// <summary>"within", "as high as", "nearly": a cap at the value, the bar fading downward; no bottom.</summary>
    UpperBound,

    /// <summary>"around": no bound is stated, so the top is soft on both sides of the value.</summary>
    Approximate,
}

/// <summary>One mark: a figure with the words that say how far to trust its height.</summary>
/// <param name="Category">What the mark is under the axis: the period, with the entity first when several are drawn.</param>
/// <param name="Value">The figure as stated, in the chart's unit.</param>
/// <param name="Label">The figure in the source's words with value, unit and kind (<see cref="FigureWording.StatementWithKind"/>).</param>
/// <param name="IsGoal">Not an actual (a target, plan, or something under construction): hatched, with a dashed outline.</param>
internal sealed record ChartMark(
    string ObservationId, string Qualifier, string Kind, string Category, double Value, string Label, MarkShape Shape, bool IsGoal);

/// <summary>A filter a chart was asked for, as the reader typed it ("entity", "china").</summary>
internal sealed record ChartFilter(string Name, string Value);

/// <summary>
/// What a chart of an indicator shows, worked out before any drawing so the SVG, the PNG (drawn from that
/// SVG) and the embed page say the same thing. One unit per chart: figures in another unit (GDP in dollars
/// beside yuan) are named under it rather than put on a misleading shared axis.
/// </summary>
/// <param name="Bars">The figures drawn, one bar each, in the order drawn.</param>
/// <param name="Subtitle">The unit the marks are drawn in, as a heading ("Percent", "Hours").</param>
/// <param name="Unit">That unit, for the axis' numbers.</param>
/// <param name="DataUrl">The figures drawn, as JSON, with the chart's filters: what "get the data" points at.</param>
/// <param name="CsvUrl">The same figures as CSV.</param>
/// <param name="Filters">The filters asked for, in the order of the query (named when nothing matches).</param>
/// <param name="Total">How many figures match; more than are drawn when the list was paged.</param>
internal sealed record ChartModel(
    string Code, string Title, string Subtitle, UnitResponse? Unit, IReadOnlyList<ChartMark> Bars, IReadOnlyList<string> NotDrawn,
    string SourceLine, string DataUrl, string CsvUrl, IReadOnlyList<ChartFilter> Filters, int Total)
{
    public const string NoFiguresMatch = "No figures match these filters";

    public static ChartModel From(
        string code, string indicatorName, string indicatorUnit, IReadOnlyList<ObservationResponse> observations,
        IReadOnlyDictionary<string, string> sourceLines, string dataUrl, string csvUrl, IReadOnlyList<ChartFilter> filters, int total)
    {
        var unit = observations.FirstOrDefault(o => o.Unit.Code == indicatorUnit)?.Unit.Code ?? observations.FirstOrDefault()?.Unit.Code;
        var drawn = observations.Where(o => o.Unit.Code == unit)
            // By period where the text gives years, else in reading order ("before" comes before "after").
            .Select((o, i) => (o, i))
            .OrderBy(p => p.o.Period.StartYear ?? p.o.Period.EndYear ?? int.MaxValue).ThenBy(p => p.i)
            .Select(p => p.o)
            .ToList();
        var entities = drawn.Select(o => o.Entity.Code).Distinct().Count();
        var marks = drawn.Select(o => new ChartMark(
            o.Id, o.Qualifier, o.Kind,
            entities > 1 ? $"{o.Entity.Name}\n{o.Period.Label}" : o.Period.Label,
            o.Value,
            FigureWording.StatementWithKind(o),
            ShapeOf(o.Bounds),
            o.Kind is "target" or "plan" or "in-progress")).ToList();
        var notDrawn = observations.Where(o => o.Unit.Code != unit)
            .Select(o => $"{FigureWording.StatementWithKind(o)} ({o.Period.Label})")
            .ToList();
        var title = entities == 1 ? $"{indicatorName}: {drawn[0].Entity.Name}" : indicatorName;
        var cited = drawn.Select(o => o.Citation?.Source).OfType<string>().Distinct().Select(s => sourceLines.GetValueOrDefault(s, s)).ToList();
        if (drawn.Any(o => o.Citation is null))
        {
            cited.Add("derived by this service from stated figures (the data names them)");
        }

        var unitOfMarks = drawn.FirstOrDefault()?.Unit;
        return new ChartModel(
            code,
            title,
            unitOfMarks is null ? "" : FigureWording.UnitHeading(unitOfMarks),
            unitOfMarks,
            marks,
            notDrawn,
            cited.Count == 0 ? "" : $"Source: {string.Join("; ", cited)}",
            dataUrl,
            csvUrl,
            filters,
            total);
    }

    /// <summary>The shape that claims no more than the bounds: a lower bound has no top, an upper bound no bottom.</summary>
    public static MarkShape ShapeOf(Bounds bounds) => bounds switch
    {
        { Lower: not null, Upper: not null } => MarkShape.Exact,
        { Lower: not null } => MarkShape.LowerBound,
        { Upper: not null } => MarkShape.UpperBound,
        _ => MarkShape.Approximate,
    };

    /// <summary>
    /// The filters in words: "entity china, kind target". With none, the list's default is named (stated
    /// figures only), so an indicator whose figures are all derived says why its chart is empty.
    /// </summary>
    public string FiltersInWords() =>
        string.Join(", ", Filters.Select(f => $"{f.Name} {f.Value}")
            .Concat(Filters.Count > 0 ? [] : ["stated figures only (includeDerived=true adds derived ones)"]));

    /// <summary>The empty chart's message: "No figures match these filters: entity china."</summary>
    public string EmptyMessage() => $"{NoFiguresMatch}: {FiltersInWords()}.";

    /// <summary>"Only the first 5 of 60 figures fit; the data has them all", or null when every figure that matches is drawn or named.</summary>
    public string? ShownOfTotal() =>
        Total > Bars.Count + NotDrawn.Count ? $"Only the first {Bars.Count + NotDrawn.Count} of {Total} figures fit; the data has them all" : null;

    /// <summary>
    /// The chart in words for the SVG's &lt;desc&gt; and a page's text alternative: its type, how many figures
    /// and their range first (what a screen reader needs before the details), then every figure.
    /// </summary>
    public string Description()
    {
        if (Bars.Count == 0)
        {
            return $"{EmptyMessage()} Data: {DataUrl}";
        }

        var low = Bars.MinBy(m => m.Value)!;
        var high = Bars.MaxBy(m => m.Value)!;
        var figures = Bars.Count == 1 ? "1 figure" : $"{Bars.Count} figures";
        var range = Bars.Count == 1 ? $": {low.Label}" : $", from {low.Label} to {high.Label}";
        var text = $"Bar chart of {figures}{range}. "
            + string.Join("; ", Bars.Select(m => $"{m.Category.Replace('\n', ' ')}: {m.Label}")) + ".";
        if (NotDrawn.Count > 0)
        {
            text += $" Not drawn (another unit): {string.Join("; ", NotDrawn)}.";
        }

        if (ShownOfTotal() is { } shown)
        {
            text += $" {shown}.";
        }

        return SourceLine.Length == 0 ? $"{text} Data: {DataUrl}" : $"{text} {SourceLine}. Data: {DataUrl}";
    }
}
