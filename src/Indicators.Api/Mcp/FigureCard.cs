using System.ComponentModel;
using Indicators.Api.Observations;

namespace Indicators.Api.Mcp;

/// <summary>
/// A figure as tools return it. A number never travels alone: the card holds the value with its unit and scale,
/// the qualifier's words and bounds, the period, the kind, and the quote it came from with its offsets (or, for a
/// figure this service computed, the formula and the ids of the stated figures it is computed from).
/// </summary>
internal sealed record FigureCard
{
    [Description("The figure's id; pass it to get_figure, get_quote_context, verify_claim, compare_figures or cite.")]
    public required string Id { get; init; }

    [Description("The figure as the source words it, qualifier included (e.g. \"more than 40%\", \"exceeded 126 trillion yuan\"). Repeat these words, not the bare number.")]
    public required string Statement { get; init; }

    [Description("What the figure measures.")]
    public required CodeName Indicator { get; init; }

    [Description("Who or what the figure is about.")]
    public required CodeName Entity { get; init; }

    [Description("The other party of a bilateral figure, else null.")]
    public required CodeName? Counterpart { get; init; }

    [Description("The number as the text states it, in unit.label (126 for \"126 trillion yuan\"); multiply by unit.scale for base units.")]
    public required double Value { get; init; }

    [Description("The unit of value and its scale.")]
    public required FigureUnit Unit { get; init; }

    [Description("How the text qualifies the number, and the interval that follows (in the unit of value).")]
    public required FigureQualifier Qualifier { get; init; }

    [Description("The reference period the figure describes.")]
    public required FigurePeriod Period { get; init; }

    [Description("actual, target, plan, capacity, in-progress (under construction) or derived (computed by this service from stated figures).")]
    public required string Kind { get; init; }

    [Description("The publication date of the source (yyyy-MM-dd), or null where the source gives none.")]
    public required string? StatedOn { get; init; }

    [Description("The sentence the figure comes from, verbatim, with its place in the source text; null for a derived figure.")]
    public required FigureQuote? Quote { get; init; }

    [Description("For a derived figure, the arithmetic over its inputs, written as [figure-id]; null for a stated figure.")]
    public required string? Formula { get; init; }

    [Description("For a derived figure, the ids of the stated figures it is computed from; empty for a stated figure.")]
    public required IReadOnlyList<string> Inputs { get; init; }

    [Description("The curator's reasoning where a choice was made (an inferred year, a bound), else null.")]
    public required string? Note { get; init; }

    public static FigureCard From(ObservationResponse figure) => new()
    {
        Id = figure.Id,
        Statement = FigureWording.Statement(figure),
        Indicator = figure.Indicator,
        Entity = figure.Entity,
        Counterpart = figure.Counterpart,
        Value = figure.Value,
        Unit = new FigureUnit { Code = figure.Unit.Code, Label = figure.Unit.Label, Scale = figure.Unit.Scale },
        Qualifier = new FigureQualifier
        {
            Type = figure.Qualifier,
            Words = FigureWording.QualifierWords(figure.Qualifier, figure.QualifierText),
            Lower = figure.Bounds.Lower,
            LowerInclusive = figure.Bounds.LowerInclusive,
            Upper = figure.Bounds.Upper,
            UpperInclusive = figure.Bounds.UpperInclusive,
        },
        Period = new FigurePeriod
        {
            Label = figure.Period.Label, StartYear = figure.Period.StartYear, EndYear = figure.Period.EndYear, Inferred = figure.Period.Inferred,
        },
        Kind = figure.Kind,
        StatedOn = figure.StatedOn,
        Quote = figure.Citation is { } citation ? FigureQuote.From(citation) : null,
        Formula = figure.Formula,
        Inputs = figure.Inputs,
        Note = figure.Note,
    };
}

internal sealed record FigureUnit
{
    [Description("The unit: a currency code (CNY, USD), percent, pp (percentage points), hours, people, count, ...")]
    public required string Code { get; init; }

    [Description("The unit as a reader says it, scale word included (\"trillion yuan\", \"million people\", \"percent\").")]
    public required string Label { get; init; }

    [Description("The multiplier value is stated in: 1e12 for \"trillion\", 1e6 for \"million\", 1 otherwise.")]
    public required double Scale { get; init; }
}

internal sealed record FigurePeriod
{
    [Description("The period in words, close to the source's (\"past 20 years (2004–2024)\", \"before the section opened\").")]
    public required string Label { get; init; }

    [Description("First year of the period, or null where the text gives none.")]
    public required int? StartYear { get; init; }

    [Description("Last year of the period, or null (an open period such as \"since 2012\", or no year given).")]
    public required int? EndYear { get; init; }

    [Description("True when the years are worked out from context (a neighbouring sentence, the publication date), not written beside the figure.")]
    public required bool Inferred { get; init; }
}

internal sealed record FigureQualifier
{
    [Description("exact, approximately, more-than, at-least, nearly, less-than or at-most (see the resource indicators://guide/qualifiers).")]
    public required string Type { get; init; }

    [Description("The source's own qualifying words (\"exceeded\", \"as high as\", \"within\"), the plain words of the type for a derived figure, or \"\" for exact.")]
    public required string Words { get; init; }

    [Description("The lower bound the words set, or null when they set none.")]
    public required double? Lower { get; init; }

    [Description("Whether the lower bound itself is possible; null without a lower bound.")]
    public required bool? LowerInclusive { get; init; }

    [Description("The upper bound the words set, or null when they set none (\"more than 40%\" has no top).")]
    public required double? Upper { get; init; }

    [Description("Whether the upper bound itself is possible; null without an upper bound.")]
    public required bool? UpperInclusive { get; init; }
}

internal sealed record FigureQuote
{
    [Description("The quoted text, verbatim; it holds the number and its qualifier and occurs once in the source.")]
    public required string Text { get; init; }

    [Description("The source id (get_source, indicators://sources/{id}).")]
    public required string SourceId { get; init; }

    [Description("Offset of the quote's first character in the source text, in Unicode code points.")]
    public required int Start { get; init; }

    [Description("Offset just past the quote's last character: the source text's code points [start, end) are the quote.")]
    public required int End { get; init; }

    [Description("What start and end count: unicode-code-point (not UTF-16 units, not bytes).")]
    public required string OffsetUnit { get; init; }

    [Description("The same span as an MCP resource: a verbatim slice of the source text.")]
    public required string TextUri { get; init; }

    [Description("The source text's URL with an RFC 5147 fragment for the span.")]
    public required string Url { get; init; }

    public const string CodePoints = "unicode-code-point";

    public static FigureQuote From(CitationResponse citation) => new()
    {
        Text = citation.Quote,
        SourceId = citation.Source,
        Start = citation.Start,
        End = citation.End,
        OffsetUnit = CodePoints,
        TextUri = McpUris.SourceText(citation.Source, citation.Start, citation.End),
        Url = citation.Url,
    };
}
