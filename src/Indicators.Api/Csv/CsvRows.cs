using System.Globalization;
using Indicators.Api.Entities;
using Indicators.Api.Http;
using Indicators.Api.Indicators;
using Indicators.Api.Observations;
using Indicators.Api.Sources;

namespace Indicators.Api.Csv;

/// <summary>Rows under a header, and the next page's URL when the rows are one page of several.</summary>
internal sealed record CsvTable(IReadOnlyList<string> Header, IEnumerable<string?[]> Rows, string? Next);

/// <summary>One column: its header and how a list item fills it.</summary>
internal sealed record CsvColumn<T>(string Name, Func<T, string?> Value);

/// <summary>
/// The flat rows a spreadsheet gets for each list: one row per item, nested JSON objects spread into
/// columns named after their fields, values written as the JSON writes them (invariant numbers,
/// true/false, empty for null). Columns only grow, like the JSON fields. Plain delegates rather than
/// CsvHelper's class maps: those are compiled per writer, which cost more than the query on every request.
/// </summary>
internal static class CsvRows
{
    public static readonly CsvColumn<ObservationResponse>[] Observation =
    [
        new("id", o => o.Id),
        new("indicator", o => o.Indicator.Code),
        new("indicatorName", o => o.Indicator.Name),
        new("entity", o => o.Entity.Code),
        new("entityName", o => o.Entity.Name),
        new("counterpart", o => o.Counterpart?.Code),
        new("counterpartName", o => o.Counterpart?.Name),
        new("periodLabel", o => o.Period.Label),
        new("startYear", o => Text(o.Period.StartYear)),
        new("endYear", o => Text(o.Period.EndYear)),
        new("periodInferred", o => Text(o.Period.Inferred)),
        new("statedOn", o => o.StatedOn),
        new("value", o => Text(o.Value)),
        new("unit", o => o.Unit.Code),
        new("unitScale", o => Text(o.Unit.Scale)),
        new("unitLabel", o => o.Unit.Label),
        new("qualifier", o => o.Qualifier),
        new("qualifierText", o => o.QualifierText),
        new("lower", o => Text(o.Bounds.Lower)),
        new("lowerInclusive", o => Text(o.Bounds.LowerInclusive)),
        new("upper", o => Text(o.Bounds.Upper)),
        new("upperInclusive", o => Text(o.Bounds.UpperInclusive)),
        new("kind", o => o.Kind),
        // A derived figure has no citation of its own: its columns are empty and formula/inputs say what it came from.
        new("source", o => o.Citation?.Source),
        new("quote", o => o.Citation?.Quote),
        new("start", o => Text(o.Citation?.Start)),
        new("end", o => Text(o.Citation?.End)),
        new("url", o => o.Citation?.Url),
        new("page", o => o.Citation?.Page),
        new("note", o => o.Note),
        new("formula", o => o.Formula),
        new("inputs", o => string.Join(' ', o.Inputs)),
    ];

    public static readonly CsvColumn<IndicatorResponse>[] Indicator =
    [
        new("code", i => i.Code),
        new("name", i => i.Name),
        new("unit", i => i.Unit.Code),
        new("unitScale", i => Text(i.Unit.Scale)),
        new("unitLabel", i => i.Unit.Label),
        new("topic", i => i.Topic),
        new("description", i => i.Description),
        new("observationCount", i => Text(i.ObservationCount)),
    ];

    public static readonly CsvColumn<EntityResponse>[] Entity =
    [
        new("code", e => e.Code),
        new("name", e => e.Name),
        new("type", e => e.Type),
        new("description", e => e.Description),
        new("observationCount", e => Text(e.ObservationCount)),
    ];

    /// <summary>A source's metadata; the text itself stays at textUrl, too long for a cell.</summary>
    public static readonly CsvColumn<SourceResponse>[] Source =
    [
        new("id", s => s.Id),
        new("title", s => s.Title),
        new("standfirst", s => s.Standfirst),
        new("author", s => s.Author),
        new("publishedOn", s => s.PublishedOn),
        new("publisher", s => s.Publisher),
        new("url", s => s.Url),
        new("licence", s => s.Licence),
        new("textUrl", s => s.TextUrl),
        new("length", s => Text(s.Length)),
        new("observationCount", s => Text(s.ObservationCount)),
        new("alsoPublishedIn", s => string.Join(' ', s.AlsoPublishedIn.Select(p => p.Url))),
    ];

    /// <summary>The last column of every row: the release the row was read from, so a saved file says where it came from.</summary>
    public const string ReleaseColumn = "release";

    /// <summary>The CSV table for a page of a list, or null when the value is not a list this service exports.</summary>
    public static CsvTable? Of(object? value) => value switch
    {
        PagedList<ObservationResponse> list => Table(list, Observation),
        PagedList<IndicatorResponse> list => Table(list, Indicator),
        PagedList<EntityResponse> list => Table(list, Entity),
        PagedList<SourceResponse> list => Table(list, Source),
        _ => null,
    };

    private static CsvTable Table<T>(PagedList<T> list, CsvColumn<T>[] columns) => new(
        [.. columns.Select(c => c.Name), ReleaseColumn],
        list.Items.Select(item => columns.Select(c => c.Value(item)).Append(list.Release).ToArray()),
        list.Links.Next);

    private static string? Text(bool? value) => value switch
    {
        null => null,
        true => "true",
        false => "false",
    };

    // "R" round-trips a double exactly, as the JSON writer does.
    private static string? Text(double? value) => value?.ToString("R", CultureInfo.InvariantCulture);

    private static string? Text(long? value) => value?.ToString(CultureInfo.InvariantCulture);
}
