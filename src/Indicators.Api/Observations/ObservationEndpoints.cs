using Indicators.Api.Csv;
using Indicators.Api.Data;
using Indicators.Api.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Indicators.Api.Observations;

internal static class ObservationEndpoints
{
    public static RouteGroupBuilder MapObservations(this RouteGroupBuilder v1)
    {
        var group = v1.MapGroup("/observations").WithTags("Observations");

        group.MapGet("/", ListObservations)
            .WithName("ListObservations")
            .WithSummary("List observations")
            .WithDescription("""
                Every figure the sources state, in reading order (source, then place in the text), filtered and paged.
                Derived figures (computed by this service, with a formula and inputs instead of a citation) are listed
                only with `kind=derived` or `includeDerived=true`, after the stated ones.
                Unknown query parameters are ignored; a known one given twice, or with a bad value, is a 400 problem
                naming it. Follow `links.next` to walk the list: it is opaque and may change form.
                """)
            .Validate<ListObservationsRequest>()
            .AnswersCsv("observations");

        group.MapGet("/{id}", GetObservation)
            .WithName("GetObservation")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Get one observation")
            .WithDescription("The permalink of one figure, with its qualifier, bounds, period and citation.");

        return group;
    }

    /// <summary>Lists observations.</summary>
    internal static async Task<Ok<PagedList<ObservationResponse>>> ListObservations(
        [AsParameters] ListObservationsRequest request, IndicatorsDatabase database, ObservationCounts counts, PublicUrls urls,
        HttpContext context, CancellationToken cancellationToken) =>
        TypedResults.Ok(await ListAsync(request, request.Indicator, database, counts, urls, context.Request, cancellationToken));

    /// <summary>Gets one observation by id.</summary>
    /// <param name="id" example="china-gdp-2023-cny">The observation id.</param>
    internal static async Task<Results<Ok<ObservationResponse>, ProblemHttpResult>> GetObservation(
        string id, IndicatorsDatabase database, PublicUrls urls, HttpContext context, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var row = await ObservationQueries.FindAsync(connection, id, cancellationToken);
        return row is null
            ? Problems.NotFound($"There is no observation '{id}'. See /v1/observations for the list.")
            : TypedResults.Ok(row.ToResponse(urls.Base(context.Request)));
    }

    /// <summary>One page of observations for validated filters; shared by the indicator's own list.</summary>
    internal static async Task<PagedList<ObservationResponse>> ListAsync(
        ListObservationsRequest request, string? indicator, IndicatorsDatabase database, ObservationCounts counts, PublicUrls urls,
        HttpRequest httpRequest, CancellationToken cancellationToken)
    {
        var position = PagePosition.From(request.Page, request.PageSize, request.Cursor);
        var filter = new ObservationQueries.Filter(
            indicator, request.Entity, request.Counterpart, request.Source, request.Kind, request.Qualifier,
            QueryText.ParseOptionalInt(request.From), QueryText.ParseOptionalInt(request.To),
            IncludeDerived: request.IncludeDerived == "true");
        if (request.Q is not null)
        {
            return await ObservationSearch.ListAsync(request.Q, filter, position, database, counts, urls, httpRequest, cancellationToken);
        }

        await using var connection = await database.OpenAsync(cancellationToken);
        var (rows, total) = await ObservationQueries.ListAsync(
            connection, filter, position, counts, DatasetRelease.Of(httpRequest), cancellationToken);
        var baseUrl = urls.Base(httpRequest);
        var page = rows.Take(position.PageSize).ToList();
        return new PagedList<ObservationResponse>
        {
            Items = page.Select(r => r.ToResponse(baseUrl)).ToList(),
            Page = position.Page,
            PageSize = position.PageSize,
            Total = total,
            Release = DatasetRelease.Of(httpRequest)!,
            Links = new PageLinks
            {
                Self = urls.Self(httpRequest),
                Next = rows.Count > position.PageSize
                    ? urls.WithQuery(httpRequest, Paging.NextChanges(PageCursor.Encode(position.Page + 1, page[^1].Seq)))
                    : null,
            },
        };
    }
}
