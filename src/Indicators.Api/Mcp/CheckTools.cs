using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using Indicators.Api.Http;
using Indicators.Api.Observations;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace Indicators.Api.Mcp;

/// <summary>The tools that check how figures may be used: a claim against one figure, figures against each other.</summary>
[McpServerToolType]
internal static class CheckTools
{
    [McpServerTool(Name = "verify_claim", Title = "Verify a claim", ReadOnly = true, Idempotent = true, OpenWorld = false,
        Destructive = false, UseStructuredContent = true, OutputSchemaType = typeof(VerifyClaimResult))]
    [Description("""
        Checks a claimed value against one figure, by the bounds the source's words set (never by a tolerance they do not
        state), and answers a verdict from a closed set with the reason in words: consistent, outside-bounds, other-unit,
        other-scale (billion for trillion), other-period, other-kind (a target cited as an actual), or undetermined where the
        words do not decide ("around 5%" states no interval, "nearly 100 million" only an upper bound). Unit, scale, period and
        kind are checked only when given.
        """)]
    public static async Task<CallToolResult> VerifyClaim(
        McpReads reads,
        [Description(ToolDescriptions.FigureId)] string figureId,
        [Description("The claimed number, in the claim's own scale (126 for \"126 billion\", with scale \"billion\").")] double value,
        [Description("The claim's unit: a code (CNY, USD, percent, pp, hours, people, count), or words such as \"yuan\", \"%\", \"US dollars\".")]
        string? unit = null,
        [Description("The scale word of the claim's number; leave it out when the number is in the figure's own scale (unit.label).")]
        [AllowedValues("one", "thousand", "million", "billion", "trillion")]
        string? scale = null,
        [Description("The period the claim is about: a year (\"2023\"), a range (\"2004-2024\") or an open range (\"2012-\").")]
        string? period = null,
        [Description("What the claim presents the figure as.")]
        [AllowedValues("actual", "target", "plan", "capacity", "in-progress", "derived")]
        string? kind = null,
        [Description(ToolDescriptions.Release)] string? release = null,
        CancellationToken cancellationToken = default)
    {
        if (!double.IsFinite(value))
        {
            throw new McpException("'value' must be a finite number, e.g. 40.1.");
        }

        var claim = new Claim(value, unit, scale, period, kind);
        if (period is not null)
        {
            ClaimCheck.ParsePeriod(period);
        }

        await using var read = await reads.OpenAsync(release, cancellationToken);
        var figure = await read.RequiredFigureAsync(figureId, cancellationToken);
        var (verdict, reason) = ClaimCheck.Check(figure, claim);
        var result = new VerifyClaimResult
        {
            Verdict = verdict,
            Reason = reason,
            Claim = ClaimCheck.Words(claim),
            Figure = FigureCard.From(figure),
            Release = read.Release,
        };
        return McpJson.Result(result, ToolText.Claim(figure, verdict, reason, read.Release));
    }

    [McpServerTool(Name = "compare_figures", Title = "Compare figures", ReadOnly = true, Idempotent = true, OpenWorld = false,
        Destructive = false, UseStructuredContent = true, OutputSchemaType = typeof(CompareFiguresResult))]
    [Description("""
        Two to ten figures side by side, with a warning for each way they are not comparable: what they measure, unit, scale,
        period, kind, or a bound ("more than", "nearly") instead of a point. No arithmetic is done on them; where this service
        has derived a figure from them (a difference, a ratio) with its bound worked out, it is named.
        """)]
    public static async Task<CallToolResult> CompareFigures(
        McpReads reads,
        [Description("The figure ids to compare, 2 to 10, each once.")][Length(2, 10)] string[] figureIds,
        [Description(ToolDescriptions.Release)] string? release = null,
        CancellationToken cancellationToken = default)
    {
        if (figureIds.Distinct(StringComparer.Ordinal).Count() != figureIds.Length)
        {
            throw new McpException("'figureIds' names a figure more than once: send each id once.");
        }

        await using var read = await reads.OpenAsync(release, cancellationToken);
        var figures = new List<ObservationResponse>();
        foreach (var id in figureIds)
        {
            figures.Add(await read.RequiredFigureAsync(id, cancellationToken));
        }

        var derived = await DerivedFromAsync(read, figureIds, cancellationToken);
        var warnings = Comparison.Warnings(figures);
        var result = new CompareFiguresResult
        {
            Figures = figures.Select(FigureCard.From).ToList(),
            Comparable = warnings.Count == 0,
            Warnings = warnings,
            DerivedFigures = derived.Select(FigureCard.From).ToList(),
            Release = read.Release,
        };
        return McpJson.Result(result, ToolText.Comparison(figures, warnings, derived, read.Release));
    }

    /// <summary>The derived figures computed from these figures alone (the service's own, bound-aware arithmetic on them).</summary>
    private static async Task<List<ObservationResponse>> DerivedFromAsync(McpRead read, string[] figureIds, CancellationToken cancellationToken) =>
        [.. (await read.AllAsync(new ObservationQueries.Filter(null, null, null, null, "derived", null, null, null), cancellationToken))
            .Where(d => d.Inputs.Count > 0 && d.Inputs.All(figureIds.Contains))];
}

internal sealed record VerifyClaimResult
{
    [Description("consistent: the source's words allow the value (in its unit, scale, period and kind); outside-bounds: they rule it out; other-unit, other-scale, other-period, other-kind: the claim is about something else than the figure; undetermined: the words neither allow nor rule it out.")]
    public required Verdict Verdict { get; init; }

    [Description("Why, in words, quoting the source's own wording of the figure.")]
    public required string Reason { get; init; }

    [Description("The claim as it was understood, in words.")]
    public required string Claim { get; init; }

    [Description("The figure the claim was checked against.")]
    public required FigureCard Figure { get; init; }

    [Description(ToolDescriptions.ReleaseRead)]
    public required string Release { get; init; }
}

internal sealed record CompareFiguresResult
{
    [Description("The figures, in the order asked for.")]
    public required IReadOnlyList<FigureCard> Figures { get; init; }

    [Description("True only when nothing below warns: same measure, unit, scale, period and kind, and every figure a point.")]
    public required bool Comparable { get; init; }

    [Description("Each way the figures differ that a comparison must respect.")]
    public required IReadOnlyList<ComparisonWarning> Warnings { get; init; }

    [Description("Figures this service derived from these alone (a difference, a ratio), with the bound their qualifiers allow.")]
    public required IReadOnlyList<FigureCard> DerivedFigures { get; init; }

    [Description(ToolDescriptions.ReleaseRead)]
    public required string Release { get; init; }
}
