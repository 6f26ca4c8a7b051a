using System.Globalization;
using Indicators.Api.Indicators;
using Indicators.Api.Observations;
using Indicators.Api.Sources;

namespace Indicators.Api.Pages;

/// <summary>
/// A figure as the pages show it. Its words all come from <see cref="FigureWording"/>, so a card says what the
/// JSON, the CSV and the chart say. (Component parameters must be public types; the API's records stay internal.)
/// </summary>
public sealed record FigureView
{
    public required string Id { get; init; }
    public required string IndicatorCode { get; init; }
    public required string IndicatorName { get; init; }
    public required string EntityName { get; init; }
    public required string? CounterpartName { get; init; }
    public required string PeriodLabel { get; init; }
    public required bool PeriodInferred { get; init; }
    public required string? Note { get; init; }
    public required string Kind { get; init; }
    public required string? KindWords { get; init; }
    public required string Qualifier { get; init; }

    /// <summary>The statement around its number: Before + Number + After is the whole statement.</summary>
    public required string Before { get; init; }
    public required string Number { get; init; }
    public required string After { get; init; }
    public required string Statement { get; init; }
    public required string Summary { get; init; }
    public required string BoundsWords { get; init; }

    /// <summary>The value as a machine reads it (the JSON's value), for &lt;data value&gt;.</summary>
    public required string MachineValue { get; init; }
    public required string UnitLabel { get; init; }
    public required string? StatedOn { get; init; }
    public required string? Quote { get; init; }
    public required string? SourceId { get; init; }
    public required string? SourceTitle { get; init; }
    public required string? Formula { get; init; }
    public required IReadOnlyList<string> Inputs { get; init; }

    public bool IsDerived => Quote is null;

    internal static FigureView From(ObservationResponse o, IReadOnlyDictionary<string, string> sourceTitles)
    {
        var (before, number, after) = FigureWording.StatementParts(o);
        return new FigureView
        {
            Id = o.Id,
            IndicatorCode = o.Indicator.Code,
            IndicatorName = o.Indicator.Name,
            EntityName = o.Entity.Name,
            CounterpartName = o.Counterpart?.Name,
            PeriodLabel = o.Period.Label,
            PeriodInferred = o.Period.Inferred,
            Note = o.Note,
            Kind = o.Kind,
            KindWords = FigureWording.KindWords(o.Kind),
            Qualifier = o.Qualifier,
            Before = before,
            Number = number,
            After = after,
            Statement = FigureWording.Statement(o),
            Summary = FigureWording.Summary(o),
            BoundsWords = FigureWording.BoundsWords(o),
            MachineValue = o.Value.ToString("R", CultureInfo.InvariantCulture),
            UnitLabel = o.Unit.Label,
            StatedOn = o.StatedOn,
            Quote = o.Citation?.Quote,
            SourceId = o.Citation?.Source,
            SourceTitle = o.Citation is { } c ? sourceTitles.GetValueOrDefault(c.Source, c.Source) : null,
            Formula = o.Formula,
            Inputs = o.Inputs,
        };
    }
}

/// <summary>An indicator as the pages show it.</summary>
public sealed record IndicatorView(string Code, string Name, string UnitLabel, string Topic, string Description, long Count)
{
    internal static IndicatorView From(IndicatorRow row) =>
        new(row.Code, row.Name, row.UnitLabel, row.Topic, row.Description, row.ObservationCount);
}

/// <summary>A source document as the pages show it: only what its text gives.</summary>
public sealed record SourceView(
    string Id, string Title, string? Standfirst, string? Author, string? PublishedOn, string? Publisher, string? Url, string? Licence,
    long Count, IReadOnlyList<PublicationView> AlsoPublishedIn)
{
    /// <summary>"Jiang Zaidong · 2024-09-10": only what the source gives, or null.</summary>
    public string? Byline => new[] { Author, PublishedOn, Publisher }.OfType<string>().ToList() is { Count: > 0 } parts
        ? string.Join(" · ", parts)
        : null;

    internal static SourceView From(SourceRow row) =>
        new(row.Id, row.Title, row.Standfirst, row.Author, row.PublishedOn, row.Publisher, row.Url, row.Licence, row.ObservationCount,
            row.Facts.Where(f => f.Fact == "also-published-in")
                .Select(f => new PublicationView(f.Title, f.Author, f.Publisher, f.PublishedOn, f.Url, f.EstablishedBy, f.EstablishedOn, f.How))
                .ToList());
}

/// <summary>
/// Another publication of a source's text, as curators established it outside the text (the source's own fields
/// hold only what the text states), with who established it, when and how.
/// </summary>
public sealed record PublicationView(
    string Title, string? Author, string Publisher, string? PublishedOn, string Url, string EstablishedBy, string EstablishedOn, string How)
{
    /// <summary>Only a web address is a link; anything else is shown as text.</summary>
    public bool IsWebAddress => Url.StartsWith("https://", StringComparison.Ordinal) || Url.StartsWith("http://", StringComparison.Ordinal);
}

/// <summary>A citation in one style, with the API URL that serves it.</summary>
public sealed record CitationView(string Style, string Label, string Text, string Href);
