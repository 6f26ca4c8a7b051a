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
}
