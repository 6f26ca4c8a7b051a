using System.ComponentModel;
using Indicators.Api.Observations;

namespace Indicators.Api.Mcp;

/// <summary>One way two or more figures differ that a comparison of them must respect.</summary>
internal sealed record ComparisonWarning
{
    [Description("What differs: indicator, unit, scale, period, kind or bound.")]
    public required string Aspect { get; init; }

    [Description("The difference in words, and what it means for a comparison.")]
    public required string Message { get; init; }

    [Description("The figures concerned.")]
    public required IReadOnlyList<string> FigureIds { get; init; }
}

/// <summary>
/// What makes figures incomparable, said in words. Nothing is computed here: a difference of two bounds, or of
/// figures in different units, is not a number a reader should be handed (the derived figures carry the arithmetic
/// that is sound, with its bound).
/// </summary>
internal static class Comparison
{
    public static List<ComparisonWarning> Warnings(IReadOnlyList<ObservationResponse> figures)
    {
        var warnings = new List<ComparisonWarning>();
        Differ(warnings, figures, "indicator", f => f.Indicator.Code, f => f.Indicator.Name,
            "They measure different things");
        Differ(warnings, figures, "unit", f => f.Unit.Code, f => f.Unit.Code,
            "They are in different units; no conversion is stated, so neither a difference nor a ratio of the values means anything");
        if (figures.Select(f => f.Unit.Code).Distinct().Count() == 1)
        {
            Differ(warnings, figures, "scale", f => f.Unit.Scale.ToString(System.Globalization.CultureInfo.InvariantCulture), f => f.Unit.Label,
                "The same unit at different scales: multiply each value by its unit.scale before comparing");
        }

        Differ(warnings, figures, "period", f => $"{f.Period.Label}|{f.Period.StartYear}|{f.Period.EndYear}", f => f.Period.Label,
            "They describe different periods: a change over time, not a like-for-like comparison");
        Differ(warnings, figures, "kind", f => f.Kind, f => FigureWording.KindWords(f.Kind) ?? "actual",
            "They are different kinds of figure: a target or plan is not an outcome");
        foreach (var figure in figures.Where(f => f.Qualifier != "exact"))
        {
            warnings.Add(new ComparisonWarning
            {
                Aspect = "bound",
                Message = figure.Qualifier == "approximately"
                    ? $"{figure.Id} is approximate (\"{FigureWording.Statement(figure)}\"): the source states no interval, so no difference with it is exact."
                    : $"{figure.Id} is a bound, not a point (\"{FigureWording.Statement(figure)}\"): a difference or ratio with it is at most a bound, and a difference of two bounds in the same direction is no bound at all.",
                FigureIds = [figure.Id],
            });
        }

        return warnings;
    }

    private static void Differ(
        List<ComparisonWarning> warnings, IReadOnlyList<ObservationResponse> figures, string aspect,
        Func<ObservationResponse, string> key, Func<ObservationResponse, string> words, string meaning)
    {
        var groups = figures.GroupBy(key).ToList();
        if (groups.Count < 2)
        {
            return;
        }

        var parts = groups.Select(g => $"{words(g.First())} ({string.Join(", ", g.Select(f => f.Id))})");
        warnings.Add(new ComparisonWarning
        {
            Aspect = aspect,
            Message = $"{meaning}: {string.Join("; ", parts)}.",
            FigureIds = figures.Select(f => f.Id).ToList(),
        });
    }
}
