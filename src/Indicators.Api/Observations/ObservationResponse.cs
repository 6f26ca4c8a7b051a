namespace Indicators.Api.Observations;

/// <summary>One figure as a source states it, with the sentence it came from.</summary>
internal sealed record ObservationResponse
{
    /// <summary>Stable, readable id; the permalink is /v1/observations/{id}.</summary>
    /// <example>china-gdp-2023-cny</example>
    public required string Id { get; init; }

    /// <summary>What the figure measures.</summary>
    public required CodeName Indicator { get; init; }

    /// <summary>Who or what the figure is about.</summary>
    public required CodeName Entity { get; init; }

    /// <summary>The other party of a bilateral figure (e.g. China for wind farms it helped Pakistan build), else null.</summary>
    public required CodeName? Counterpart { get; init; }

    /// <summary>The reference period the figure describes.</summary>
    public required PeriodResponse Period { get; init; }

    /// <summary>The date the source said it (its publication date, yyyy-MM-dd), or null where the source gives none.</summary>
    /// <example>2024-09-10</example>
    public required string? StatedOn { get; init; }

    /// <summary>The number as stated in the text, in <c>unit</c> (126 for "126 trillion yuan", 4 for "four").</summary>
    /// <example>126</example>
    public required double Value { get; init; }

    /// <summary>The unit of <c>value</c>; multiply by <c>scale</c> for base units.</summary>
    public required UnitResponse Unit { get; init; }

    /// <summary>How the text qualifies the figure: exact, approximately, more-than, at-least, nearly, less-than or at-most.</summary>
    /// <example>more-than</example>
    public required string Qualifier { get; init; }

    /// <summary>The source's own qualifying word(s), e.g. "exceeded", or null for an unqualified figure.</summary>
    /// <example>exceeded</example>
    public required string? QualifierText { get; init; }

    /// <summary>The interval the qualifier pins down, by the published table.</summary>
    public required Bounds Bounds { get; init; }

    /// <summary>actual, target, plan, capacity, in-progress (under construction) or derived (computed by us).</summary>
    /// <example>actual</example>
    public required string Kind { get; init; }

    /// <summary>Where the figure comes from, to the character. Every stated figure has one; a derived figure has none (null): follow its <c>inputs</c>.</summary>
    public required CitationResponse? Citation { get; init; }

    /// <summary>The curator's reasoning where a choice was made (an inferred year, a conversion), else null. For a derived figure, the reasoning behind its formula and bound.</summary>
    /// <example>The year comes from the sentence before.</example>
    public required string? Note { get; init; }

    /// <summary>For a derived figure, how it is computed: arithmetic over its inputs written as [observation-id]; null for a stated figure.</summary>
    /// <example>[china-gdp-2023-cny] / [china-gdp-2023-usd]</example>
    public required string? Formula { get; init; }

    /// <summary>For a derived figure, the ids of the stated observations it is computed from (each at /v1/observations/{id}); empty for a stated figure.</summary>
    public required IReadOnlyList<string> Inputs { get; init; }
}

/// <summary>A code and its human name.</summary>
internal sealed record CodeName
{
    /// <summary>The code used in URLs and filters.</summary>
    /// <example>china</example>
    public required string Code { get; init; }

    /// <summary>The human name.</summary>
    /// <example>China</example>
    public required string Name { get; init; }
}

/// <summary>A reference period. Years are null where the text gives none.</summary>
internal sealed record PeriodResponse
{
    /// <summary>The period in words, close to the source's.</summary>
    /// <example>past 20 years (2004–2024)</example>
    public required string Label { get; init; }

    /// <summary>First year of the period, or null.</summary>
    /// <example>2004</example>
    public required int? StartYear { get; init; }

    /// <summary>Last year of the period, or null.</summary>
    /// <example>2024</example>
    public required int? EndYear { get; init; }

    /// <summary>True when the years are worked out from context (e.g. the publication date), not written next to the figure.</summary>
    /// <example>true</example>
    public required bool Inferred { get; init; }
}

/// <summary>A unit of measure.</summary>
internal sealed record UnitResponse
{
    /// <summary>The unit: a currency code (CNY, USD), percent, pp (percentage points), hours, people, count, ...</summary>
    /// <example>CNY</example>
    public required string Code { get; init; }

    /// <summary>The multiplier the value is stated in (1e12 for "trillion").</summary>
    /// <example>1000000000000</example>
    public required double Scale { get; init; }

    /// <summary>The unit as a reader says it.</summary>
    /// <example>trillion yuan</example>
    public required string Label { get; init; }
}

/// <summary>The exact span of the source text a figure comes from.</summary>
internal sealed record CitationResponse
{
    /// <summary>The source id (see /v1/sources).</summary>
    /// <example>enhancing-china-pakistan-cooperation</example>
    public required string Source { get; init; }

    /// <summary>The quoted text, verbatim; it holds the figure and its qualifier and occurs once in the source.</summary>
    /// <example>In 2023, China’s Gross Domestic Product (GDP) exceeded 126 trillion yuan ($17.51 trillion)</example>
    public required string Quote { get; init; }

    /// <summary>Offset of the quote's first character, in Unicode code points, into /v1/sources/{source}/text.</summary>
    /// <example>2035</example>
    public required int Start { get; init; }

    /// <summary>Offset just past the quote's last character (text[start:end] == quote).</summary>
    /// <example>2125</example>
    public required int End { get; init; }

    /// <summary>The source text's URL with an RFC 5147 fragment for the span.</summary>
    /// <example>http://127.0.0.1:5000/v1/sources/enhancing-china-pakistan-cooperation/text#char=2035,2125</example>
    public required string Url { get; init; }

    /// <summary>The source's page for readers, anchored at the quote (browsers ignore #char=; they follow an element id).</summary>
    /// <example>http://127.0.0.1:5000/sources/enhancing-china-pakistan-cooperation#obs-china-gdp-2023-cny</example>
    public required string Page { get; init; }
}
