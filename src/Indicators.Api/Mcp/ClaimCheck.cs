using System.Globalization;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using Indicators.Api.Observations;
using ModelContextProtocol;

namespace Indicators.Api.Mcp;

/// <summary>The closed set of verify_claim verdicts, published as the enum of its output schema.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<Verdict>))]
internal enum Verdict
{
    /// <summary>The claimed value is one the source's words allow, in the figure's unit, scale, period and kind.</summary>
    [JsonStringEnumMemberName("consistent")] Consistent,

    /// <summary>The claimed value lies outside the interval the source's words set.</summary>
    [JsonStringEnumMemberName("outside-bounds")] OutsideBounds,

    /// <summary>The claim is in another unit than the figure (dollars for yuan, percent for percentage points).</summary>
    [JsonStringEnumMemberName("other-unit")] OtherUnit,

    /// <summary>The claim has the figure's number at another scale (billion for trillion).</summary>
    [JsonStringEnumMemberName("other-scale")] OtherScale,

    /// <summary>The claim is about another period than the figure.</summary>
    [JsonStringEnumMemberName("other-period")] OtherPeriod,

    /// <summary>The claim cites the figure as another kind (a target as an actual).</summary>
    [JsonStringEnumMemberName("other-kind")] OtherKind,

    /// <summary>The source's words do not decide: "around 5%" states no interval; "nearly 100 million" an upper bound only.</summary>
    [JsonStringEnumMemberName("undetermined")] Undetermined,
}

/// <summary>A claim about a figure, as verify_claim receives it (unit, scale, period and kind optional).</summary>
internal sealed record Claim(double Value, string? Unit, string? Scale, string? Period, string? Kind);

/// <summary>
/// Checks a claim against one figure by the bounds its qualifier sets (the table of <see cref="Bounds"/>), never by a
/// tolerance the source does not state. The aspects are checked in a fixed order and the first that differs decides:
/// kind, unit, period, scale, then the value; a value the words allow but do not pin down is undetermined.
/// </summary>
internal static partial class ClaimCheck
{
    /// <summary>The scale words a claim may give, with their multipliers.</summary>
    public static readonly IReadOnlyDictionary<string, double> Scales = new Dictionary<string, double>(StringComparer.Ordinal)
    {
        ["one"] = 1, ["thousand"] = 1e3, ["million"] = 1e6, ["billion"] = 1e9, ["trillion"] = 1e12,
    };

    [GeneratedRegex(@"^\s*(-?\d{1,4})\s*(?:(?:-|–|to)\s*(-?\d{1,4})?)?\s*$")]
    private static partial Regex PeriodPattern();

    public static (Verdict Verdict, string Reason) Check(ObservationResponse figure, Claim claim)
    {
        var statement = $"the source says “{FigureWording.Statement(figure)}” for {FigureWording.Subject(figure)}";

        if (claim.Kind is not null && claim.Kind != figure.Kind)
        {
            return (Verdict.OtherKind,
                $"The claim cites it as {Article(claim.Kind)}, but {statement}, which is {Article(figure.Kind)}: {KindMeaning(figure.Kind)}");
        }

        if (claim.Unit is not null && !UnitMatches(claim.Unit, figure.Unit))
        {
            return (Verdict.OtherUnit,
                $"The claim is in '{McpReads.Shown(claim.Unit)}', but {statement}, in {figure.Unit.Label} ({figure.Unit.Code}); no conversion is stated, so the values cannot be compared.");
        }

        var periodUnknown = false;
        if (claim.Period is not null)
        {
            var (start, end, open) = ParsePeriod(claim.Period);
            switch (PeriodAgrees(figure.Period, start, end, open))
            {
                case false:
                    return (Verdict.OtherPeriod,
                        $"The claim is about {McpReads.Shown(claim.Period.Trim())}, but {statement}, which is about {figure.Period.Label}.");
                case null:
                    periodUnknown = true;
                    break;
            }
        }

        var claimScale = claim.Scale is null ? figure.Unit.Scale : Scales[claim.Scale];
        if (!double.IsFinite(claim.Value * claimScale))
        {
            throw new McpException("'value' times its scale is too large a number to compare: send the number as the claim states it, with its scale word.");
        }

        var (valueVerdict, valueReason) = CheckValue(figure, claim.Value * claimScale, claim.Value, claimScale, claim.Scale);
        if (valueVerdict == Verdict.OutsideBounds && claimScale != figure.Unit.Scale && Same(claim.Value, figure.Value))
        {
            return (Verdict.OtherScale,
                $"The claim has the source's number at another scale: {FigureWording.Number(claim.Value)} {claim.Scale} is not {FigureWording.Number(figure.Value)} {figure.Unit.Label}; {statement}.");
        }

        if (valueVerdict == Verdict.Consistent && periodUnknown)
        {
            return (Verdict.Undetermined,
                $"The value fits ({valueReason}), but the period cannot be checked: {statement}, and the source gives its period only as “{figure.Period.Label}”.");
        }

        return (valueVerdict, $"{Capitalized(statement)}: {valueReason}");
    }

    /// <summary>The claim in words, as it was understood: "126 billion CNY, for 2023, as an actual figure".</summary>
    public static string Words(Claim claim)
    {
        var words = FigureWording.Number(claim.Value);
        if (claim.Scale is not null && claim.Scale != "one")
        {
            words += " " + claim.Scale;
        }

        if (claim.Unit is not null)
        {
            words += " " + McpReads.Shown(claim.Unit.Trim());
        }

        if (claim.Period is not null)
        {
            words += ", for " + McpReads.Shown(claim.Period.Trim());
        }

        return claim.Kind is null ? words : $"{words}, as {Article(claim.Kind)}";
    }

    /// <summary>The claim's value (in base units) against the figure's bounds (scaled to base units).</summary>
    private static (Verdict, string) CheckValue(ObservationResponse figure, double claimed, double claimNumber, double claimScale, string? scaleWord)
    {
        var scale = figure.Unit.Scale;
        var bounds = figure.Bounds;
        var shown = claimScale == scale
            ? FigureWording.ValueWithUnit(claimNumber, figure.Unit)
            : scaleWord is null or "one" ? FigureWording.Number(claimNumber) : $"{FigureWording.Number(claimNumber)} {scaleWord}";
        var value = FigureWording.ValueWithUnit(figure.Value, figure.Unit);
        switch (figure.Qualifier)
        {
            case "exact":
                return Same(claimed, figure.Value * scale)
                    ? (Verdict.Consistent, $"{shown} is the value it states.")
                    : (Verdict.OutsideBounds, $"it states exactly {value}, and {shown} is not that.");
            case "approximately":
                return (Verdict.Undetermined,
                    $"“{FigureWording.QualifierWords(figure.Qualifier, figure.QualifierText)}” states no interval, so no value can be confirmed or ruled out; repeat it as “{FigureWording.Statement(figure)}”.");
            case "nearly":
                return claimed > figure.Value * scale || Same(claimed, figure.Value * scale)
                    ? (Verdict.OutsideBounds, $"“{FigureWording.QualifierWords(figure.Qualifier, figure.QualifierText)}” means below {value}, and {shown} is not below it.")
                    : (Verdict.Undetermined,
                        $"{shown} is below {value}, as “{FigureWording.QualifierWords(figure.Qualifier, figure.QualifierText)}” says, but the words do not say how close to it the figure is; repeat it as “{FigureWording.Statement(figure)}”.");
        }

        if (bounds.Lower is { } lower && (claimed < lower * scale && !Same(claimed, lower * scale) || Same(claimed, lower * scale) && bounds.LowerInclusive is false))
        {
            return (Verdict.OutsideBounds, bounds.LowerInclusive is true
                ? $"the figure is at least {value}, and {shown} is below it."
                : $"the figure is above {value}, and {shown} is not above it.");
        }

        if (bounds.Upper is { } upper && (claimed > upper * scale && !Same(claimed, upper * scale) || Same(claimed, upper * scale) && bounds.UpperInclusive is false))
        {
            return (Verdict.OutsideBounds, bounds.UpperInclusive is true
                ? $"the figure is at most {value}, and {shown} is above it."
                : $"the figure is below {value}, and {shown} is not below it.");
        }

        var interval = (bounds.Lower, bounds.Upper) switch
        {
            (not null, null) => bounds.LowerInclusive is true ? $"any value from {value} up" : $"any value above {value}",
            (null, not null) => bounds.UpperInclusive is true ? $"any value up to {value}" : $"any value below {value}",
            _ => $"exactly {value}",
        };
        return (Verdict.Consistent, $"{interval} fits the words, and {shown} is such a value (the source pins it down no further).");
    }

    /// <summary>Whether the claim's years are the figure's: true, false, or null when the figure's years cannot decide.</summary>
    private static bool? PeriodAgrees(PeriodResponse period, int start, int? end, bool open)
    {
        if (period.StartYear is null && period.EndYear is null)
        {
            return null;
        }

        if (period.EndYear is null)
        {
            // "since 2012": the start must match; where it runs to, the source does not say.
            return start != period.StartYear ? false : open ? true : null;
        }

        return !open && start == period.StartYear && (end ?? start) == period.EndYear;
    }

    /// <summary>"2023", "2004-2024" (or an en dash, or "to"), "2012-" for a period from 2012 on; else a tool error.</summary>
    public static (int Start, int? End, bool Open) ParsePeriod(string period)
    {
        var match = PeriodPattern().Match(period);
        if (!match.Success)
        {
            throw new McpException(
                $"'period' must be a year (\"2023\"), a range of years (\"2004-2024\") or an open range (\"2012-\" for since 2012); got '{McpReads.Shown(period)}'.");
        }

        var start = int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
        var open = !match.Groups[2].Success && period.Trim().Length > match.Groups[1].Length;
        int? end = match.Groups[2].Success ? int.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture) : null;
        if (end < start)
        {
            throw new McpException($"'period' ends before it starts: '{McpReads.Shown(period)}'.");
        }

        return (start, end, open);
    }

    /// <summary>
    /// Whether a claimed unit names the figure's: its code (CNY, percent), its label with or without the scale word
    /// ("trillion yuan", "yuan"), or a common way of writing it ("%", "RMB", "US dollars"), in any case, singular or plural.
    /// </summary>
    public static bool UnitMatches(string claimed, UnitResponse unit)
    {
        var said = Normal(claimed);
        var label = Normal(unit.Label);
        var unscaled = Normal(Regex.Replace(unit.Label, @"^(thousand|million|billion|trillion)\s+", "", RegexOptions.IgnoreCase, TimeSpan.FromSeconds(1)));
        var names = new HashSet<string>(StringComparer.Ordinal) { Normal(unit.Code), label, unscaled };
        if (Aliases.TryGetValue(unit.Code, out var aliases))
        {
            names.UnionWith(aliases.Select(Normal));
        }

        return names.Contains(said);
    }

    private static readonly Dictionary<string, string[]> Aliases = new(StringComparer.Ordinal)
    {
        ["percent"] = ["%", "per cent", "percentage"],
        ["pp"] = ["percentage point", "percentage points", "points", "pts"],
        ["CNY"] = ["yuan", "rmb", "renminbi", "¥"],
        ["USD"] = ["us dollar", "dollar", "us$", "$"],
        ["hours"] = ["hour", "h", "hrs"],
        ["people"] = ["person", "persons"],
    };

    private static string Normal(string unit)
    {
        var text = unit.Trim().ToLowerInvariant();
        return text.Length > 3 && text.EndsWith('s') ? text[..^1] : text;
    }

    /// <summary>Equal up to the rounding of binary floating point (126 × 1e12 and 126e12 must agree).</summary>
    private static bool Same(double a, double b) =>
        double.IsFinite(a) && double.IsFinite(b) ? Math.Abs(a - b) <= 1e-9 * Math.Max(Math.Abs(a), Math.Abs(b)) : a == b;

    private static string Article(string kind) => kind switch
    {
        "actual" => "an actual figure",
        "in-progress" => "work under construction",
        "derived" => "a derived figure",
        _ => "a " + kind,
    };

    private static string KindMeaning(string kind) => kind switch
    {
        "target" => "a goal set in advance, not an outcome.",
        "plan" => "something decided or proposed, not yet done.",
        "capacity" => "what can be produced, not what was.",
        "in-progress" => "under construction, not finished.",
        "derived" => "computed by this service from stated figures, not stated by the source.",
        _ => "a measured outcome.",
    };

    private static string Capitalized(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];
}
