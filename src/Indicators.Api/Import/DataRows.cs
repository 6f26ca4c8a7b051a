using CsvHelper.Configuration.Attributes;

namespace Indicators.Api.Import;

// One class per curated file, every column read as text so that a malformed value reaches its
// validator (and a file:line message) instead of failing inside the CSV parser.

internal sealed class SourceRow
{
    [Name("id")] public string? Id { get; set; }
    [Name("file")] public string? File { get; set; }
    [Name("title")] public string? Title { get; set; }
    [Name("standfirst")] public string? Standfirst { get; set; }
    [Name("author")] public string? Author { get; set; }
    [Name("published_on")] public string? PublishedOn { get; set; }
    [Name("publisher")] public string? Publisher { get; set; }
    [Name("url")] public string? Url { get; set; }
    [Name("licence")] public string? Licence { get; set; }
}

internal sealed class UnitRow
{
    [Name("id")] public string? Id { get; set; }
    [Name("code")] public string? Code { get; set; }
    [Name("scale")] public string? Scale { get; set; }
    [Name("label")] public string? Label { get; set; }
}

internal sealed class IndicatorRow
{
    [Name("code")] public string? Code { get; set; }
    [Name("name")] public string? Name { get; set; }
    [Name("unit")] public string? Unit { get; set; }
    [Name("topic")] public string? Topic { get; set; }
    [Name("description")] public string? Description { get; set; }
}

internal sealed class EntityRow
{
    [Name("code")] public string? Code { get; set; }
    [Name("name")] public string? Name { get; set; }
    [Name("type")] public string? Type { get; set; }
    [Name("description")] public string? Description { get; set; }
}

/// <summary>The columns a stated figure (observations.csv) and a derived one (derived.csv) share.</summary>
internal abstract class FigureRow
{
    [Name("id")] public string? Id { get; set; }
    [Name("indicator")] public string? Indicator { get; set; }
    [Name("entity")] public string? Entity { get; set; }
    [Name("counterpart")] public string? Counterpart { get; set; }
    [Name("period_label")] public string? PeriodLabel { get; set; }
    [Name("start_year")] public string? StartYear { get; set; }
    [Name("end_year")] public string? EndYear { get; set; }
    [Name("period_inferred")] public string? PeriodInferred { get; set; }
    [Name("value")] public string? Value { get; set; }
    [Name("unit")] public string? Unit { get; set; }
    [Name("qualifier")] public string? Qualifier { get; set; }
    [Name("note")] public string? Note { get; set; }
}

internal sealed class ObservationRow : FigureRow
{
    [Name("source")] public string? Source { get; set; }
    [Name("qualifier_text")] public string? QualifierText { get; set; }
    [Name("kind")] public string? Kind { get; set; }
    [Name("quote")] public string? Quote { get; set; }
}

/// <summary>A row with the line of its file it was read from, for file:line messages.</summary>
internal sealed record Numbered<T>(int Line, T Row);

/// <summary>One thing wrong with the curated files.</summary>
internal sealed record ImportError(string File, int Line, string Message)
{
    public override string ToString() => $"{File}:{Line}: {Message}";
}

/// <summary>
/// A figure computed from stated ones (data/derived.csv). It has no quote: its formula names its inputs,
/// its note gives the reasoning, and its kind is always "derived".
/// </summary>
internal sealed class DerivedRow : FigureRow
{
    [Name("formula")] public string? Formula { get; set; }
}

/// <summary>
/// A fact about a source that curators established outside its text (data/facts.csv): what, by whom, when
/// and how. sources.csv holds only what the text itself states; this is where the rest goes, said as such.
/// </summary>
internal sealed class FactRow
{
    [Name("id")] public string? Id { get; set; }
    [Name("source")] public string? Source { get; set; }
    [Name("fact")] public string? Fact { get; set; }
    [Name("title")] public string? Title { get; set; }
    [Name("author")] public string? Author { get; set; }
    [Name("publisher")] public string? Publisher { get; set; }
    [Name("published_on")] public string? PublishedOn { get; set; }
    [Name("url")] public string? Url { get; set; }
    [Name("established_by")] public string? EstablishedBy { get; set; }
    [Name("established_on")] public string? EstablishedOn { get; set; }
    [Name("how")] public string? How { get; set; }
}

/// <summary>
/// One line of the corrections log (data/corrections.csv): the curator's reason for one change in one
/// release, named by its sequence number (the release's id is the hash of a manifest that holds this file).
/// </summary>
internal sealed class CorrectionRow
{
    [Name("release")] public string? Release { get; set; }
    [Name("record")] public string? Record { get; set; }
    [Name("id")] public string? Id { get; set; }
    [Name("change")] public string? Change { get; set; }
    [Name("reason")] public string? Reason { get; set; }
}
