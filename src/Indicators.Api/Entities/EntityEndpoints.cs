using Indicators.Api.Csv;
using Indicators.Api.Data;
using Indicators.Api.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Indicators.Api.Entities;

internal static class EntityEndpoints
{
    public static RouteGroupBuilder MapEntities(this RouteGroupBuilder v1)
    {
        var group = v1.MapGroup("/entities").WithTags("Entities");

        group.MapGet("/", ListEntities)
            .WithName("ListEntities")
            .WithSummary("List entities")
            .WithDescription("Every entity (country, group, the world, named project), ordered by code.")
            .Validate<ListRequest>()
            .AnswersCsv("entities");

        group.MapGet("/{code}", GetEntity)
            .WithName("GetEntity")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Get one entity")
            .WithDescription("One entity and how many figures are about it.");

        return group;
    }

    internal static async Task<Ok<PagedList<EntityResponse>>> ListEntities(
        [AsParameters] ListRequest request, IndicatorsDatabase database, PublicUrls urls, HttpContext context,
        CancellationToken cancellationToken)
    {
        var release = DatasetRelease.Of(context.Request);
        var since = RequestRelease.Since(context.Request, request.ChangedSince);
        await using var connection = await database.OpenAsync(cancellationToken);
        var (rows, total) = await EntityQueries.ListAsync(connection, release, request.Position, since, cancellationToken);
        var withdrawn = since is null ? ((List<Tombstone>, bool)?)null : await PagedLists.WithdrawnAfterAsync(request.Position, rows.Count, total,
            (offset, limit) => EntityQueries.WithdrawnAsync(connection, release, since, offset, limit, cancellationToken));
        return TypedResults.Ok(PagedLists.Of(rows.Select(r => r.ToResponse()).ToList(), total, request.Position, urls, context.Request, withdrawn));
    }

    /// <param name="code" example="pakistan">The entity code.</param>
    internal static async Task<Results<Ok<EntityResponse>, ProblemHttpResult>> GetEntity(
        string code, IndicatorsDatabase database, HttpContext context, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var row = await EntityQueries.FindAsync(connection, DatasetRelease.Of(context.Request), code, cancellationToken);
        return row is null
            ? Problems.NotFound($"There is no entity '{code}' in the release read. See /v1/entities for the list.")
            : TypedResults.Ok(row.ToResponse());
    }
}
