using Indicators.Api.Csv;
using Indicators.Api.Data;
using Indicators.Api.Http;
using Indicators.Api.Observations;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Indicators.Api.Indicators;

internal static class IndicatorEndpoints
{
    internal static readonly FilterInPath IndicatorInPath = new("indicator");

    public static RouteGroupBuilder MapIndicators(this RouteGroupBuilder v1)
    {
        var group = v1.MapGroup("/indicators").WithTags("Indicators");

        group.MapGet("/", ListIndicators)
            .WithName("ListIndicators")
            .WithSummary("List indicators")
            .WithDescription("Every indicator (what a figure measures), ordered by code.")
            .Validate<ListRequest>()
            .AnswersCsv("indicators");

        group.MapGet("/{code}", GetIndicator)
            .WithName("GetIndicator")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Get one indicator")
            .WithDescription("One indicator with its usual unit and how many figures it has.");

        group.MapGet("/{code}/observations", ListIndicatorObservations)
            .WithName("ListIndicatorObservations")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("List one indicator's observations")
            .WithDescription("The indicator's figures, with the same filters and paging as /v1/observations; the indicator in the path takes the place of the `indicator` filter, which is a 400 here.")
            .WithMetadata(IndicatorInPath)
            .Validate<ListObservationsRequest>()
            .AnswersCsv("observations");

        return group;
    }

    internal static async Task<Ok<PagedList<IndicatorResponse>>> ListIndicators(
        [AsParameters] ListRequest request, IndicatorsDatabase database, PublicUrls urls, HttpContext context,
        CancellationToken cancellationToken)
    {
        var release = DatasetRelease.Of(context.Request);
        var since = RequestRelease.Since(context.Request, request.ChangedSince);
        await using var connection = await database.OpenAsync(cancellationToken);
        var (rows, total) = await IndicatorQueries.ListAsync(connection, release, request.Position, since, cancellationToken);
        var withdrawn = since is null ? ((List<Tombstone>, bool)?)null : await PagedLists.WithdrawnAfterAsync(request.Position, rows.Count, total,
            (offset, limit) => IndicatorQueries.WithdrawnAsync(connection, release, since, offset, limit, cancellationToken));
        return TypedResults.Ok(PagedLists.Of(rows.Select(r => r.ToResponse()).ToList(), total, request.Position, urls, context.Request, withdrawn));
    }

    /// <param name="code" example="gdp">The indicator code.</param>
    internal static async Task<Results<Ok<IndicatorResponse>, ProblemHttpResult>> GetIndicator(
        string code, IndicatorsDatabase database, HttpContext context, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var row = await IndicatorQueries.FindAsync(connection, DatasetRelease.Of(context.Request), code, cancellationToken);
        return row is null ? NotFound(code) : TypedResults.Ok(row.ToResponse());
    }

    /// <param name="code" example="gdp">The indicator code.</param>
    internal static async Task<Results<Ok<PagedList<ObservationResponse>>, ProblemHttpResult, ValidationProblem>> ListIndicatorObservations(
        string code, [AsParameters] ListObservationsRequest request, IndicatorsDatabase database, KnownCodes codes,
        ObservationCounts counts, PublicUrls urls, HttpContext context, CancellationToken cancellationToken)
    {
        if (context.Request.Query.ContainsKey(IndicatorInPath.QueryParameter))
        {
            return IndicatorInPath.Problem();
        }

        var release = DatasetRelease.Of(context.Request);
        if (!codes.IsIndicator(release, code))
        {
            return NotFound(code);
        }

        return TypedResults.Ok(await ObservationEndpoints.ListAsync(request, code, release, database, counts, urls, context.Request, cancellationToken));
    }

    private static ProblemHttpResult NotFound(string code) =>
        Problems.NotFound($"There is no indicator '{code}' in the release read. See /v1/indicators for the list.");
}
