using Indicators.Api.Data;
using Indicators.Api.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Indicators.Api.Releases;

internal static class ReleaseEndpoints
{
    public static RouteGroupBuilder MapReleases(this RouteGroupBuilder v1)
    {
        var group = v1.MapGroup("/releases").WithTags("Releases");

        group.MapGet("/", ListReleases)
            .WithName("ListReleases")
            .WithSummary("List dataset releases")
            .WithDescription("""
                Every import of the data that this database descends from, newest first. A release id names the exact
                files the figures came from; every response carries the one it was read from in the
                `X-Dataset-Release` header (and lists in `release`).
                """)
            .Validate<ListRequest>();

        group.MapGet("/latest", GetLatestRelease)
            .WithName("GetLatestRelease")
            .WithSummary("Get the release being served")
            .WithDescription("The release the service is serving now: cite its id with any figure you use.");

        group.MapGet("/{id}", GetRelease)
            .WithName("GetRelease")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Get one release")
            .WithDescription("One release by id: when it was built, what it held, and whether it is the one being served.");

        return group;
    }

    internal static async Task<Ok<PagedList<ReleaseResponse>>> ListReleases(
        [AsParameters] ListRequest request, IndicatorsDatabase database, PublicUrls urls, HttpContext context,
        CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var (rows, total) = await ReleaseQueries.ListAsync(connection, request.Position, cancellationToken);
        return TypedResults.Ok(PagedLists.Of(rows.Select(r => r.ToResponse()).ToList(), total, request.Position, urls, context.Request));
    }

    internal static async Task<Ok<ReleaseResponse>> GetLatestRelease(IndicatorsDatabase database, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return TypedResults.Ok((await ReleaseQueries.LatestAsync(connection, cancellationToken)).ToResponse());
    }

    /// <param name="id" example="3f9a1c2b7d4e5f60">The release id (from X-Dataset-Release or /v1/releases).</param>
    internal static async Task<Results<Ok<ReleaseResponse>, ProblemHttpResult>> GetRelease(
        string id, IndicatorsDatabase database, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var row = await ReleaseQueries.FindAsync(connection, id, cancellationToken);
        return row is null
            ? Problems.NotFound($"There is no release '{id}' in this database's history. See /v1/releases.")
            : TypedResults.Ok(row.ToResponse());
    }
}
