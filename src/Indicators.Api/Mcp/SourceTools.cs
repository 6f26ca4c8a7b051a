using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Security.Cryptography;
using System.Text;
using Indicators.Api.Citations;
using Indicators.Api.Data;
using Indicators.Api.Http;
using Indicators.Api.Observations;
using Indicators.Api.Sources;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using Microsoft.Net.Http.Headers;

namespace Indicators.Api.Mcp;

/// <summary>The tools about source documents: the record with its figures, and citations exactly as the REST export writes them.</summary>
[McpServerToolType]
internal static class SourceTools
{
    [McpServerTool(Name = "get_source", Title = "Get a source", ReadOnly = true, Idempotent = true, OpenWorld = false,
        Destructive = false, UseStructuredContent = true, OutputSchemaType = typeof(GetSourceResult))]
    [Description("A source document's bibliographic record (only what its text states; the rest is null), the SHA-256 of its text, and the figures quoted from it, in reading order, at most 25 per call.")]
    public static async Task<CallToolResult> GetSource(
        McpReads reads,
        [Description("A source id, as every figure's quote.sourceId gives it (e.g. \"modernisation-in-china-and-pakistan\").")] string sourceId,
        [Description("Figures per call, 1 to 25.")][Range(1, FigureTools.MaxLimit)] int limit = 10,
        [Description("nextCursor from the previous call with the same arguments; leave it out for the first page.")] string? cursor = null,
        [Description(ToolDescriptions.Release)] string? release = null,
        CancellationToken cancellationToken = default)
    {
        var arguments = string.Join('\u001f', sourceId, limit);
        var position = ToolCursor.Position(cursor, arguments, "get_source");
        await using var read = await reads.OpenAsync(release, cancellationToken);
        var source = await read.RequiredSourceAsync(sourceId, cancellationToken);
        var text = await read.SourceTextAsync(source.Id, cancellationToken) ?? "";
        var filter = new ObservationQueries.Filter(null, null, null, source.Id, null, null, null, null);
        var page = await FigurePages.ReadAsync(read, filter, q: null, limit, position, arguments, cancellationToken);
        var result = new GetSourceResult
        {
            Source = SourceRecord.From(read.Response(source), text),
            Figures = page.Figures.Select(FigureCard.From).ToList(),
            Total = page.Total,
            NextCursor = page.NextCursor,
            Release = read.Release,
        };
        return McpJson.Result(result, ToolText.Source(source, page, read.Release));
    }

    [McpServerTool(Name = "cite", Title = "Cite a figure or source", ReadOnly = true, Idempotent = true, OpenWorld = false,
        Destructive = false, UseStructuredContent = true, OutputSchemaType = typeof(CiteResult))]
    [Description("A citation of a figure (its source document, at the figure's permalink) or of a source, in one style; the text is byte for byte what GET /v1/observations/{id}/citation or /v1/sources/{id}/citation answers.")]
    public static async Task<CallToolResult> Cite(
        McpReads reads, IndicatorsDatabase database, PublicUrls urls, TimeProvider clock,
        [Description("The figure to cite; give this or sourceId, not both.")] string? figureId = null,
        [Description("The source to cite; give this or figureId, not both.")] string? sourceId = null,
        [Description("The citation style: apa, chicago (plain text), bibtex, ris or csl-json.")]
        [AllowedValues("apa", "chicago", "bibtex", "ris", "csl-json")]
        string style = "apa",
        [Description(ToolDescriptions.Release)] string? release = null,
        CancellationToken cancellationToken = default)
    {
        if ((figureId is null) == (sourceId is null))
        {
            throw new McpException("Give exactly one of 'figureId' (to cite a figure) or 'sourceId' (to cite a source document).");
        }

        await using var read = await reads.OpenAsync(release, cancellationToken);
        // The REST export's own handler writes the citation, so the two cannot differ by a byte.
        var request = new CitationRequest { Style = style };
        var (answer, path) = figureId is not null
            ? ((await CitationEndpoints.CiteObservation(figureId, request, database, urls, clock, read.HttpContext, cancellationToken)).Result,
                $"/v1/observations/{Uri.EscapeDataString(figureId)}/citation")
            : ((await CitationEndpoints.CiteSource(sourceId!, request, database, urls, clock, read.HttpContext, cancellationToken)).Result,
                $"/v1/sources/{Uri.EscapeDataString(sourceId!)}/citation");
        if (answer is not CitationResult citation)
        {
            throw figureId is not null
                ? new McpException($"There is no figure '{McpReads.Shown(figureId)}' to cite. Find ids with search_figures.")
                : new McpException($"There is no source '{McpReads.Shown(sourceId!)}' to cite. Send one of: {await read.SourceIdsAsync(cancellationToken)}.");
        }

        var written = await ExportedAsync(citation, cancellationToken);
        var result = new CiteResult
        {
            Style = style,
            MediaType = written.MediaType,
            FileName = written.FileName,
            Text = written.Text,
            Export = $"{read.BaseUrl}{path}?style={style}",
            Release = read.Release,
        };
        return McpJson.Result(result, ToolText.Citation(figureId ?? sourceId!, result));
    }

    /// <summary>The export as the REST endpoint sends it: body, media type and the file name it suggests.</summary>
    private static async Task<(string Text, string MediaType, string FileName)> ExportedAsync(CitationResult citation, CancellationToken cancellationToken)
    {
        var response = new DefaultHttpContext { RequestAborted = cancellationToken };
        using var body = new MemoryStream();
        response.Response.Body = body;
        await citation.ExecuteAsync(response);
        var disposition = ContentDispositionHeaderValue.Parse(response.Response.Headers.ContentDisposition.ToString());
        return (Encoding.UTF8.GetString(body.ToArray()), response.Response.ContentType ?? "", disposition.FileName.ToString().Trim('"'));
    }
}

internal sealed record GetSourceResult
{
    [Description("The source's record.")]
    public required SourceRecord Source { get; init; }

    [Description("This page of the figures quoted from the source, in reading order.")]
    public required IReadOnlyList<FigureCard> Figures { get; init; }

    [Description("How many figures are quoted from the source, across all pages.")]
    public required long Total { get; init; }

    [Description("Pass this as cursor, with the same arguments, for the next page; null on the last page.")]
    public required string? NextCursor { get; init; }

    [Description(ToolDescriptions.ReleaseRead)]
    public required string Release { get; init; }
}

/// <summary>A source's bibliographic record: what its text states, null where it states nothing.</summary>
internal sealed record SourceRecord
{
    [Description("The source id.")]
    public required string Id { get; init; }

    [Description("The document's title, as it stands in the text.")]
    public required string Title { get; init; }

    [Description("The line under the title, or null.")]
    public required string? Standfirst { get; init; }

    [Description("The author where the text names one, else null.")]
    public required string? Author { get; init; }

    [Description("The publication date (yyyy-MM-dd) where the text gives one, else null.")]
    public required string? PublishedOn { get; init; }

    [Description("The publisher where the text names one, else null.")]
    public required string? Publisher { get; init; }

    [Description("The original URL where the text gives it, else null.")]
    public required string? Url { get; init; }

    [Description("The licence where the text gives one, else null.")]
    public required string? Licence { get; init; }

    [Description("The full text, byte for byte, that quote offsets index into.")]
    public required string TextUrl { get; init; }

    [Description("The text as an MCP resource (indicators://sources/{id}/text?start=&end= for a slice).")]
    public required string TextUri { get; init; }

    [Description("The text's length in Unicode code points.")]
    public required long Length { get; init; }

    [Description("SHA-256 of the text's UTF-8 bytes, to check a copy against.")]
    public required string Sha256 { get; init; }

    public static SourceRecord From(SourceResponse source, string text) => new()
    {
        Id = source.Id,
        Title = source.Title,
        Standfirst = source.Standfirst,
        Author = source.Author,
        PublishedOn = source.PublishedOn,
        Publisher = source.Publisher,
        Url = source.Url,
        Licence = source.Licence,
        TextUrl = source.TextUrl,
        TextUri = McpUris.Source(source.Id) + "/text",
        Length = source.Length,
        Sha256 = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text))),
    };
}

/// <summary>The source a stated figure is quoted from, briefly.</summary>
internal sealed record SourceSummary
{
    [Description("The source id (get_source).")]
    public required string Id { get; init; }

    [Description("The document's title.")]
    public required string Title { get; init; }

    [Description("The author where the text names one, else null.")]
    public required string? Author { get; init; }

    [Description("The publication date (yyyy-MM-dd) where the text gives one, else null.")]
    public required string? PublishedOn { get; init; }

    public static SourceSummary From(SourceRow source) => new()
    {
        Id = source.Id, Title = source.Title, Author = source.Author, PublishedOn = source.PublishedOn,
    };
}

internal sealed record CiteResult
{
    [Description("The style written.")]
    public required string Style { get; init; }

    [Description("The media type the REST export serves this style as.")]
    public required string MediaType { get; init; }

    [Description("The file name the REST export suggests for it.")]
    public required string FileName { get; init; }

    [Description("The citation, byte for byte as the REST export answers it.")]
    public required string Text { get; init; }

    [Description("The REST export that answers the same text.")]
    public required string Export { get; init; }

    [Description(ToolDescriptions.ReleaseRead)]
    public required string Release { get; init; }
}
