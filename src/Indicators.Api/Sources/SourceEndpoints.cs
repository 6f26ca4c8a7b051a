using Indicators.Api.Csv;
using Indicators.Api.Data;
using Indicators.Api.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Indicators.Api.Sources;

internal static class SourceEndpoints
{
    public static RouteGroupBuilder MapSources(this RouteGroupBuilder v1)
    {
        var group = v1.MapGroup("/sources").WithTags("Sources");

        group.MapGet("/", ListSources)
            .WithName("ListSources")
            .WithSummary("List sources")
            .WithDescription("Every source document, ordered by id, with the metadata its text gives (the rest is null).")
            .Validate<ListRequest>()
            .AnswersCsv("sources");

        group.MapGet("/{id}", GetSource)
            .WithName("GetSource")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Get one source")
            .WithDescription("One source document's metadata and the link to its text.");

        group.MapGet("/{id}/text", GetSourceText)
            .WithName("GetSourceText")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Get a source's full text")
            .WithDescription("The document byte for byte as curated (UTF-8 plain text). Citation offsets count Unicode code points into it: text[start:end] == quote. The text remains its author's and publisher's, reproduced whole so every quotation can be checked; the data licence (CC BY 4.0) does not cover it.")
            .Produces<string>(StatusCodes.Status200OK, "text/plain");

        return group;
    }

    internal static async Task<Ok<PagedList<SourceResponse>>> ListSources(
        [AsParameters] ListRequest request, IndicatorsDatabase database, PublicUrls urls, HttpContext context,
        CancellationToken cancellationToken)
    {
        var release = DatasetRelease.Of(context.Request);
        var since = RequestRelease.Since(context.Request, request.ChangedSince);
        await using var connection = await database.OpenAsync(cancellationToken);
        var (rows, total) = await SourceQueries.ListAsync(connection, release, request.Position, since, cancellationToken);
        var withdrawn = since is null ? ((List<Tombstone>, bool)?)null : await PagedLists.WithdrawnAfterAsync(request.Position, rows.Count, total,
            (offset, limit) => SourceQueries.WithdrawnAsync(connection, release, since, offset, limit, cancellationToken));
        var baseUrl = urls.Base(context.Request);
        return TypedResults.Ok(PagedLists.Of(
            rows.Select(r => r.ToResponse(baseUrl, release.Id)).ToList(), total, request.Position, urls, context.Request, withdrawn));
    }

    /// <param name="id" example="modernisation-in-china-and-pakistan">The source id.</param>
    internal static async Task<Results<Ok<SourceResponse>, ProblemHttpResult>> GetSource(
        string id, IndicatorsDatabase database, PublicUrls urls, HttpContext context, CancellationToken cancellationToken)
    {
        var release = DatasetRelease.Of(context.Request);
        await using var connection = await database.OpenAsync(cancellationToken);
        var row = await SourceQueries.FindAsync(connection, release, id, cancellationToken);
        return row is null ? NotFound(id) : TypedResults.Ok(row.ToResponse(urls.Base(context.Request), release.Id));
    }

    /// <param name="id" example="modernisation-in-china-and-pakistan">The source id.</param>
    internal static async Task<Results<ContentHttpResult, ProblemHttpResult>> GetSourceText(
        string id, IndicatorsDatabase database, HttpContext context, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var text = await SourceQueries.TextAsync(connection, DatasetRelease.Of(context.Request), id, cancellationToken);
        return text is null ? NotFound(id) : TypedResults.Text(text, "text/plain; charset=utf-8");
    }

    private static ProblemHttpResult NotFound(string id) =>
        Problems.NotFound($"There is no source '{id}' in the release read. See /v1/sources for the list.");
}
