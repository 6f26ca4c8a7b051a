using System.Globalization;
using Indicators.Api.Observations;

namespace Indicators.Api.Charts;

/// <summary>One bar: a figure with the words that say how far to trust its height.</summary>
/// <param name="Category">The x label: the period (and the entity when several are drawn).</param>
/// <param name="Value">The figure as stated, in the chart's unit.</param>
/// <param name="Label">The value as the text qualifies it: "more than 40%", "around 5% (target)".</param>
/// <param name="IsLowerBound">The figure is only a floor (more than, at least): drawn with an open top.</param>
/// <param name="IsGoal">A target or plan rather than an actual: drawn hatched with a dashed outline.</param>
internal sealed record ChartBar(string ObservationId, string Category, double Value, string Label, bool IsLowerBound, bool IsGoal);

/// <summary>
/// What a chart of an indicator shows, worked out before any drawing so the SVG text, the PNG and the
/// embed page say the same thing. One unit per chart: figures in another unit (GDP in dollars beside
/// yuan) are named as not drawn rather than put on a misleading shared axis.
/// </summary>
internal sealed record ChartModel(
    string Title, string UnitLabel, IReadOnlyList<ChartBar> Bars, IReadOnlyList<string> NotDrawn, string SourceLine, string DataUrl)
{
    public static ChartModel From(
        string indicatorName, string indicatorUnit, IReadOnlyList<ObservationResponse> observations,
        IReadOnlyDictionary<string, string> sourceTitles, string dataUrl)
    {
        var unit = observations.Any(o => o.Unit.Code == indicatorUnit) || observations.Count == 0
            ? indicatorUnit
            : observations[0].Unit.Code;
        var drawn = observations.Where(o => o.Unit.Code == unit)
            // By period where the text gives years, else in reading order ("before" comes before "after").
            .Select((o, i) => (o, i))
            .OrderBy(p => p.o.Period.StartYear ?? p.o.Period.EndYear ?? int.MaxValue).ThenBy(p => p.i)
            .Select(p => p.o)
            .ToList();
        var entities = drawn.Select(o => o.Entity.Code).Distinct().Count();
        var bars = drawn.Select(o => new ChartBar(
            o.Id,
            entities > 1 ? $"{o.Entity.Name}\n{o.Period.Label}" : o.Period.Label,
            o.Value,
            Label(o),
            o.Qualifier is "more-than" or "at-least",
            o.Kind is "target" or "plan")).ToList();
        var notDrawn = observations.Where(o => o.Unit.Code != unit)
            .Select(o => $"{Label(o)} {o.Unit.Label} ({o.Period.Label})")
            .ToList();
        var title = entities == 1 ? $"{indicatorName}: {drawn[0].Entity.Name}" : indicatorName;
        var sources = drawn.Select(o => o.Citation?.Source).OfType<string>().Distinct().Select(s => sourceTitles.GetValueOrDefault(s, s));
        return new ChartModel(
            title,
            drawn.FirstOrDefault()?.Unit.Label ?? "",
            bars,
            notDrawn,
            $"Source: {string.Join("; ", sources)}",
            dataUrl);
    }

    /// <summary>A sentence per bar for the SVG's &lt;desc&gt; and the page's text alternative.</summary>
    public string Description()
    {
        var unit = UnitLabel == "percent" ? "" : " " + UnitLabel; // percentages already end in %
        var parts = Bars.Select(b => $"{b.Category.Replace('\n', ' ')}: {b.Label}{unit}{(b.IsGoal ? "" : " (actual)")}");
        var text = Bars.Count == 0 ? "No figures match." : string.Join("; ", parts) + ".";
        if (NotDrawn.Count > 0)
        {
            text += $" Not drawn (another unit): {string.Join("; ", NotDrawn)}.";
        }

        return $"{text} {SourceLine}. Data: {DataUrl}";
    }

    private static string Label(ObservationResponse o)
    {
        var number = o.Value.ToString("#,0.##", CultureInfo.InvariantCulture) + (o.Unit.Code == "percent" ? "%" : "");
        var qualifier = o.Qualifier switch
        {
            "more-than" => "more than ",
            "at-least" => "at least ",
            "nearly" => "nearly ",
            "less-than" => "less than ",
            "at-most" => "at most ",
            "approximately" => "around ",
            _ => "",
        };
        var kind = o.Kind switch
        {
            "target" => " (target)",
            "plan" => " (plan)",
            "capacity" => " (capacity)",
            "in-progress" => " (under construction)",
            "derived" => " (derived)",
            _ => "",
        };
        return qualifier + number + kind;
    }
}
