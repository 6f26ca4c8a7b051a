namespace Indicators.Api.Pages;

/// <summary>The words that stand for a chart: its alternative text and caption (type, how many figures, their range).</summary>
internal static class ChartWords
{
    /// <summary>"Bar chart of Share of world GDP: 2 figures, from more than 40% to as high as 80%. The table below lists them."</summary>
    public static string Alt(string title, IReadOnlyList<FigureView> figures, string? filters = null) =>
        figures.Count == 0
            ? $"Chart of {title}: no figures match{(filters is null ? "" : $" these filters ({filters})")}."
            : $"Bar chart of {title}{(filters is null ? "" : $" ({filters})")}: {Count(figures.Count)}, {Range(figures)}. " +
              string.Join("; ", figures.Select(f => $"{f.Statement}, {f.EntityName}, {f.PeriodLabel}")) + ".";

    public static string Caption(string title, IReadOnlyList<FigureView> figures, long total) =>
        figures.Count == 0
            ? $"{title}: no figures."
            : $"{title}: {Count(figures.Count)}{(total > figures.Count ? $" of {total}" : "")}, {Range(figures)}. Each bar is labelled with the source's own words; a bound is drawn open where the words set none. The table below holds the same figures.";

    private static string Count(int n) => n == 1 ? "1 figure" : $"{n} figures";

    private static string Range(IReadOnlyList<FigureView> figures)
    {
        var units = figures.Select(f => f.UnitLabel).Distinct().ToList();
        if (units.Count > 1)
        {
            // Values in different units have no common range to state.
            return $"in {units.Count} units ({string.Join(", ", units)})";
        }

        var ordered = figures.OrderBy(f => double.Parse(f.MachineValue, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        return ordered.Count == 1 ? ordered[0].Statement : $"from {ordered[0].Statement} to {ordered[^1].Statement}";
    }
}
