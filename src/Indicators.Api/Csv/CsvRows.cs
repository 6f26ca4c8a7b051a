using System.Collections;
using CsvHelper.Configuration.Attributes;
using Indicators.Api.Entities;
using Indicators.Api.Http;
using Indicators.Api.Indicators;
using Indicators.Api.Observations;
using Indicators.Api.Sources;

namespace Indicators.Api.Csv;

/// <summary>
/// The flat rows a spreadsheet gets for each list: one row per item, nested JSON objects spread into
/// columns named after their JSON path. Columns only grow, like the JSON fields.
/// </summary>
internal static class CsvRows
{
    /// <summary>The CSV table for a page of a list, or null when the value is not a list this service exports.</summary>
    public static CsvTable? Of(object? value) => value switch
    {
        PagedList<ObservationResponse> list => new(typeof(ObservationCsvRow), list.Items.Select(ObservationCsvRow.From), list.Links.Next),
        PagedList<IndicatorResponse> list => new(typeof(IndicatorCsvRow), list.Items.Select(IndicatorCsvRow.From), list.Links.Next),
        PagedList<EntityResponse> list => new(typeof(EntityCsvRow), list.Items.Select(EntityCsvRow.From), list.Links.Next),
        PagedList<SourceResponse> list => new(typeof(SourceCsvRow), list.Items.Select(SourceCsvRow.From), list.Links.Next),
        _ => null,
    };

    /// <summary>Booleans as JSON writes them, so a CSV and a JSON client compare equal.</summary>
    public static string? Text(bool? value) => value switch
    {
        null => null,
        true => "true",
        false => "false",
    };
}

/// <summary>Rows of one type, and the next page's URL when the rows are one page of several.</summary>
internal sealed record CsvTable(Type RowType, IEnumerable Rows, string? Next);

/// <summary>One observation with its citation, flattened.</summary>
internal sealed record ObservationCsvRow
{
    [Name("id")] public required string Id { get; init; }
    [Name("indicator")] public required string Indicator { get; init; }
    [Name("indicatorName")] public required string IndicatorName { get; init; }
    [Name("entity")] public required string Entity { get; init; }
    [Name("entityName")] public required string EntityName { get; init; }
    [Name("counterpart")] public required string? Counterpart { get; init; }
    [Name("counterpartName")] public required string? CounterpartName { get; init; }
    [Name("periodLabel")] public required string PeriodLabel { get; init; }
    [Name("startYear")] public required int? StartYear { get; init; }
    [Name("endYear")] public required int? EndYear { get; init; }
    [Name("periodInferred")] public required string? PeriodInferred { get; init; }
    [Name("statedOn")] public required string? StatedOn { get; init; }
    [Name("value")] public required double Value { get; init; }
    [Name("unit")] public required string Unit { get; init; }
    [Name("unitScale")] public required double UnitScale { get; init; }
    [Name("unitLabel")] public required string UnitLabel { get; init; }
    [Name("qualifier")] public required string Qualifier { get; init; }
    [Name("qualifierText")] public required string? QualifierText { get; init; }
    [Name("lower")] public required double? Lower { get; init; }
    [Name("lowerInclusive")] public required string? LowerInclusive { get; init; }
    [Name("upper")] public required double? Upper { get; init; }
    [Name("upperInclusive")] public required string? UpperInclusive { get; init; }
    [Name("kind")] public required string Kind { get; init; }
    [Name("source")] public required string Source { get; init; }
    [Name("quote")] public required string Quote { get; init; }
    [Name("start")] public required int Start { get; init; }
    [Name("end")] public required int End { get; init; }
    [Name("url")] public required string Url { get; init; }
    [Name("page")] public required string Page { get; init; }
    [Name("note")] public required string? Note { get; init; }

    public static ObservationCsvRow From(ObservationResponse o) => new()
    {
        Id = o.Id,
        Indicator = o.Indicator.Code,
        IndicatorName = o.Indicator.Name,
        Entity = o.Entity.Code,
        EntityName = o.Entity.Name,
        Counterpart = o.Counterpart?.Code,
        CounterpartName = o.Counterpart?.Name,
        PeriodLabel = o.Period.Label,
        StartYear = o.Period.StartYear,
        EndYear = o.Period.EndYear,
        PeriodInferred = CsvRows.Text(o.Period.Inferred),
        StatedOn = o.StatedOn,
        Value = o.Value,
        Unit = o.Unit.Code,
        UnitScale = o.Unit.Scale,
        UnitLabel = o.Unit.Label,
        Qualifier = o.Qualifier,
        QualifierText = o.QualifierText,
        Lower = o.Bounds.Lower,
        LowerInclusive = CsvRows.Text(o.Bounds.LowerInclusive),
        Upper = o.Bounds.Upper,
        UpperInclusive = CsvRows.Text(o.Bounds.UpperInclusive),
        Kind = o.Kind,
        Source = o.Citation.Source,
        Quote = o.Citation.Quote,
        Start = o.Citation.Start,
        End = o.Citation.End,
        Url = o.Citation.Url,
        Page = o.Citation.Page,
        Note = o.Note,
    };
}

/// <summary>One indicator, its usual unit flattened.</summary>
internal sealed record IndicatorCsvRow
{
    [Name("code")] public required string Code { get; init; }
    [Name("name")] public required string Name { get; init; }
    [Name("unit")] public required string Unit { get; init; }
    [Name("unitScale")] public required double UnitScale { get; init; }
    [Name("unitLabel")] public required string UnitLabel { get; init; }
    [Name("topic")] public required string Topic { get; init; }
    [Name("description")] public required string Description { get; init; }
    [Name("observationCount")] public required long ObservationCount { get; init; }

    public static IndicatorCsvRow From(IndicatorResponse i) => new()
    {
        Code = i.Code,
        Name = i.Name,
        Unit = i.Unit.Code,
        UnitScale = i.Unit.Scale,
        UnitLabel = i.Unit.Label,
        Topic = i.Topic,
        Description = i.Description,
        ObservationCount = i.ObservationCount,
    };
}

/// <summary>One entity.</summary>
internal sealed record EntityCsvRow
{
    [Name("code")] public required string Code { get; init; }
    [Name("name")] public required string Name { get; init; }
    [Name("type")] public required string Type { get; init; }
    [Name("description")] public required string Description { get; init; }
    [Name("observationCount")] public required long ObservationCount { get; init; }

    public static EntityCsvRow From(EntityResponse e) => new()
    {
        Code = e.Code, Name = e.Name, Type = e.Type, Description = e.Description, ObservationCount = e.ObservationCount,
    };
}

/// <summary>One source's metadata (the text itself stays at textUrl: it is too long for a cell).</summary>
internal sealed record SourceCsvRow
{
    [Name("id")] public required string Id { get; init; }
    [Name("title")] public required string Title { get; init; }
    [Name("standfirst")] public required string? Standfirst { get; init; }
    [Name("author")] public required string? Author { get; init; }
    [Name("publishedOn")] public required string? PublishedOn { get; init; }
    [Name("publisher")] public required string? Publisher { get; init; }
    [Name("url")] public required string? Url { get; init; }
    [Name("licence")] public required string? Licence { get; init; }
    [Name("textUrl")] public required string TextUrl { get; init; }
    [Name("length")] public required long Length { get; init; }
    [Name("observationCount")] public required long ObservationCount { get; init; }

    public static SourceCsvRow From(SourceResponse s) => new()
    {
        Id = s.Id,
        Title = s.Title,
        Standfirst = s.Standfirst,
        Author = s.Author,
        PublishedOn = s.PublishedOn,
        Publisher = s.Publisher,
        Url = s.Url,
        Licence = s.Licence,
        TextUrl = s.TextUrl,
        Length = s.Length,
        ObservationCount = s.ObservationCount,
    };
}
