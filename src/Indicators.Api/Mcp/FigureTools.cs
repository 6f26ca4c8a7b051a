using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Globalization;
using FluentValidation;
using Indicators.Api.Data;
using Indicators.Api.Entities;
using Indicators.Api.Http;
using Indicators.Api.Indicators;
using Indicators.Api.Observations;
using Indicators.Api.Sources;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace Indicators.Api.Mcp;

/// <summary>The tools that find and read figures: a search with the list's filters, one figure, its quote in context.</summary>
[McpServerToolType]
internal static class FigureTools
{
    public const int MaxLimit = 25;
    public const int MaxWindow = 1000;

    [McpServerTool(Name = "search_figures", Title = "Search figures", ReadOnly = true, Idempotent = true, OpenWorld = false,
        Destructive = false, UseStructuredContent = true, OutputSchemaType = typeof(SearchFiguresResult))]
    [Description("""
        Find figures by free text and the filters of GET /v1/observations; every filter is optional and they combine with AND.
        Each figure comes with its qualifier words and bounds, unit and scale, period, kind and verbatim quote.
        At most 25 per call: pass nextCursor back, with the same arguments, for the next page.
        """)]
    public static async Task<CallToolResult> SearchFigures(
        McpReads reads, IValidator<ListObservationsRequest> validator,
        [Description("Full-text search in the quotes and in the names of indicators and entities: every word or \"quoted phrase\" must match, a trailing * matches a prefix. Results then come by relevance instead of reading order.")]
        string? q = null,
        [Description("Only figures of this indicator code (e.g. \"gdp\", \"share-of-world-gdp\").")] string? indicator = null,
        [Description("Only figures about this entity code (e.g. \"china\", \"pakistan\", \"global-south\").")] string? entity = null,
        [Description("Only bilateral figures with this counterpart entity code (e.g. \"china\").")] string? counterpart = null,
        [Description("Only figures quoted from this source id.")] string? source = null,
        [Description("Only figures of this kind.")]
        [AllowedValues("actual", "target", "plan", "capacity", "in-progress", "derived")]
        string? kind = null,
        [Description("Only figures with this qualifier.")]
        [AllowedValues("exact", "approximately", "more-than", "at-least", "nearly", "less-than", "at-most")]
        string? qualifier = null,
        [Description("Only figures whose period overlaps the years from this one on; figures with no years are left out.")]
        [Range(-9999, 9999)] int? from = null,
        [Description("Only figures whose period overlaps the years up to this one (not before from); figures with no years are left out.")]
        [Range(-9999, 9999)] int? to = null,
        [Description("true to include figures this service derived from stated ones (each with its formula and inputs).")] bool includeDerived = false,
        [Description("Figures per call, 1 to 25.")][Range(1, MaxLimit)] int limit = 10,
        [Description("nextCursor from the previous call with the same arguments; leave it out for the first page.")] string? cursor = null,
        [Description(ToolDescriptions.Release)] string? release = null,
        CancellationToken cancellationToken = default)
    {
        var request = new ListObservationsRequest
        {
            Q = q, Indicator = indicator, Entity = entity, Counterpart = counterpart, Source = source, Kind = kind, Qualifier = qualifier,
            From = from?.ToString(CultureInfo.InvariantCulture), To = to?.ToString(CultureInfo.InvariantCulture),
            IncludeDerived = includeDerived ? "true" : "false",
        };
        var arguments = string.Join('\u001f', q, indicator, entity, counterpart, source, kind, qualifier, from, to, includeDerived, limit);
        var position = ToolCursor.Position(cursor, arguments, "search_figures");
        await using var read = await reads.OpenAsync(release, cancellationToken);
        await ThrowIfInvalidAsync(validator, request, read, cancellationToken);

        var filter = new ObservationQueries.Filter(indicator, entity, counterpart, source, kind, qualifier, from, to, includeDerived);
        var page = await FigurePages.ReadAsync(read, filter, q, limit, position, arguments, cancellationToken);
        var result = new SearchFiguresResult
        {
            Figures = page.Figures.Select(FigureCard.From).ToList(), Total = page.Total, NextCursor = page.NextCursor, Release = read.Release,
        };
        return McpJson.Result(result, ToolText.Search(page));
    }

    [McpServerTool(Name = "get_figure", Title = "Get a figure", ReadOnly = true, Idempotent = true, OpenWorld = false,
        Destructive = false, UseStructuredContent = true, OutputSchemaType = typeof(GetFigureResult))]
    [Description("One figure by id, with its source; for a figure this service derived, its formula and the stated figures (each with its quote) it is computed from.")]
    public static async Task<CallToolResult> GetFigure(
        McpReads reads,
        [Description(ToolDescriptions.FigureId)] string figureId,
        [Description(ToolDescriptions.Release)] string? release = null,
        CancellationToken cancellationToken = default)
    {
        await using var read = await reads.OpenAsync(release, cancellationToken);
        var figure = await read.RequiredFigureAsync(figureId, cancellationToken);
        var inputs = new List<ObservationResponse>();
        foreach (var input in figure.Inputs)
        {
            inputs.Add(await read.RequiredFigureAsync(input, cancellationToken));
        }

        var source = figure.Citation is null ? null : await read.SourceAsync(figure.Citation.Source, cancellationToken);
        var result = new GetFigureResult
        {
            Figure = FigureCard.From(figure),
            Source = source is null ? null : SourceSummary.From(source),
            Inputs = inputs.Select(FigureCard.From).ToList(),
            Release = read.Release,
        };
        return McpJson.Result(result, ToolText.Figure(figure, source?.Title, inputs, read.Release));
    }

    [McpServerTool(Name = "get_quote_context", Title = "Get a quote in context", ReadOnly = true, Idempotent = true, OpenWorld = false,
        Destructive = false, UseStructuredContent = true, OutputSchemaType = typeof(QuoteContextResult))]
    [Description("A stated figure's quote with the source text around it, verbatim, and the offsets of each part in Unicode code points.")]
    public static async Task<CallToolResult> GetQuoteContext(
        McpReads reads,
        [Description(ToolDescriptions.FigureId)] string figureId,
        [Description("How many code points of text to give before and after the quote, 0 to 1000.")][Range(0, MaxWindow)] int window = 200,
        [Description(ToolDescriptions.Release)] string? release = null,
        CancellationToken cancellationToken = default)
    {
        await using var read = await reads.OpenAsync(release, cancellationToken);
        var figure = await read.RequiredFigureAsync(figureId, cancellationToken);
        if (figure.Citation is not { } citation)
        {
            throw new McpException(
                $"'{figure.Id}' is derived by this service ({figure.Formula}) and has no quote of its own: call get_quote_context with one of its inputs ({string.Join(", ", figure.Inputs)}).");
        }

        var text = new SourceText(await read.SourceTextAsync(citation.Source, cancellationToken) ?? "");
        var (start, end) = (Math.Max(0, citation.Start - window), Math.Min(text.Length, citation.End + window));
        var result = new QuoteContextResult
        {
            FigureId = figure.Id,
            Statement = FigureWording.Statement(figure),
            Quote = FigureQuote.From(citation),
            Before = text.Slice(start, citation.Start),
            After = text.Slice(citation.End, end),
            ContextStart = start,
            ContextEnd = end,
            Release = read.Release,
        };
        return McpJson.Result(result, ToolText.QuoteContext(figure, citation, start, end));
    }

    private static async Task ThrowIfInvalidAsync(
        IValidator<ListObservationsRequest> validator, ListObservationsRequest request, McpRead read, CancellationToken cancellationToken)
    {
        var result = await validator.ValidateAsync(request, cancellationToken);
        if (result.IsValid)
        {
            return;
        }

        var messages = new List<string>();
        foreach (var error in result.Errors)
        {
            // The REST messages point at /v1/... lists a model cannot read from here: name the codes instead.
            // Failures are named after the query parameters, which are the argument names here too.
            messages.Add(error.PropertyName switch
            {
                "indicator" => $"'indicator' is not an indicator code; use one of: {await read.IndicatorCodesAsync(cancellationToken)}.",
                "entity" or "counterpart" => $"'{error.PropertyName}' is not an entity code; use one of: {await read.EntityCodesAsync(cancellationToken)}.",
                "source" => $"'source' is not a source id; use one of: {await read.SourceIdsAsync(cancellationToken)}.",
                _ => error.ErrorMessage,
            });
        }

        throw new McpException(string.Join(" ", messages.Distinct()));
    }
}

internal sealed record SearchFiguresResult
{
    [Description("This page of matching figures, in the list's order (reading order, or relevance with q).")]
    public required IReadOnlyList<FigureCard> Figures { get; init; }

    [Description("How many figures match, across all pages.")]
    public required long Total { get; init; }

    [Description("Pass this as cursor, with the same arguments, for the next page; null on the last page.")]
    public required string? NextCursor { get; init; }

    [Description(ToolDescriptions.ReleaseRead)]
    public required string Release { get; init; }
}

internal sealed record GetFigureResult
{
    [Description("The figure.")]
    public required FigureCard Figure { get; init; }

    [Description("The source the figure is quoted from; null for a derived figure (its inputs carry their sources).")]
    public required SourceSummary? Source { get; init; }

    [Description("For a derived figure, the stated figures it is computed from, each with its quote; empty otherwise.")]
    public required IReadOnlyList<FigureCard> Inputs { get; init; }

    [Description(ToolDescriptions.ReleaseRead)]
    public required string Release { get; init; }
}

internal sealed record QuoteContextResult
{
    [Description("The figure whose quote this is.")]
    public required string FigureId { get; init; }

    [Description("The figure in the source's words, qualifier included.")]
    public required string Statement { get; init; }

    [Description("The quote and its offsets in the source text.")]
    public required FigureQuote Quote { get; init; }

    [Description("The source text just before the quote, verbatim: code points [contextStart, quote.start).")]
    public required string Before { get; init; }

    [Description("The source text just after the quote, verbatim: code points [quote.end, contextEnd).")]
    public required string After { get; init; }

    [Description("Offset where before starts, in Unicode code points.")]
    public required int ContextStart { get; init; }

    [Description("Offset where after ends, in Unicode code points.")]
    public required int ContextEnd { get; init; }

    [Description(ToolDescriptions.ReleaseRead)]
    public required string Release { get; init; }
}

internal static class ToolDescriptions
{
    public const string FigureId = "A figure id, as search_figures returns them (e.g. \"china-gdp-2023-cny\").";
    public const string Release = "The dataset release to read (an id from X-Dataset-Release or /v1/releases); leave it out for the release being served.";
    public const string ReleaseRead = "The dataset release this was read from (see /v1/releases).";
}
