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
                naming it. Follow `links.next` to walk the list: it is opaque and may change form, and it names the
                release, so a walk reads one release throughout. With `changedSince`, the figures changed since that
                release, then (in `withdrawn`) those withdrawn since.
                """)
            .Validate<ListObservationsRequest>()
            .AnswersCsv("observations");

        group.MapGet("/{id}", GetObservation)
            .WithName("GetObservation")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status410Gone)
            .WithSummary("Get one observation")
            .WithDescription("""
                The permalink of one figure, with its qualifier, bounds, period and citation, as the release read holds it.
                A figure that release no longer holds (withdrawn, with a reason) is a 410 problem linking to its history;
                an id no release ever held is a 404.
                """);

        group.MapGet("/{id}/history", ObservationHistory.GetHistory)
            .WithName("GetObservationHistory")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Get every version of one observation")
            .WithDescription("""
                Every version of a figure up to the release read, oldest first: the first and last release of each, the
                fields that changed (by the data files' column names, old and new), the curator's reason, and the figure as
                that version showed it; a withdrawal says in which release and why. A withdrawn id may come back (a figure
                restored, with its reason): an id always names the same figure.
                """);

        return group;
    }

    /// <summary>Lists observations.</summary>
    internal static async Task<Ok<PagedList<ObservationResponse>>> ListObservations(
        [AsParameters] ListObservationsRequest request, IndicatorsDatabase database, ObservationCounts counts, PublicUrls urls,
        HttpContext context, CancellationToken cancellationToken) =>
        TypedResults.Ok(await ListAsync(
            request, request.Indicator, DatasetRelease.Of(context.Request), database, counts, urls, context.Request, cancellationToken));

    /// <summary>Gets one observation by id.</summary>
    /// <param name="id" example="china-gdp-2023-cny">The observation id.</param>
    internal static async Task<Results<Ok<ObservationResponse>, ProblemHttpResult>> GetObservation(
        string id, IndicatorsDatabase database, PublicUrls urls, HttpContext context, CancellationToken cancellationToken)
    {
        var release = DatasetRelease.Of(context.Request);
        await using var connection = await database.OpenAsync(cancellationToken);
        var row = await ObservationQueries.FindAsync(connection, release, id, cancellationToken);
        return row is null
            ? await ObservationHistory.NotInReleaseAsync(connection, release, id, urls, context.Request, cancellationToken)
            : TypedResults.Ok(row.ToResponse(urls.Base(context.Request), release.Id));
    }

    /// <summary>One page of observations for validated filters, as <paramref name="release"/> holds them; shared by the indicator's own list and charts.</summary>
    internal static async Task<PagedList<ObservationResponse>> ListAsync(
        ListObservationsRequest request, string? indicator, ReleaseStamp release, IndicatorsDatabase database, ObservationCounts counts,
        PublicUrls urls, HttpRequest httpRequest, CancellationToken cancellationToken)
    {
        var position = PagePosition.From(request.Page, request.PageSize, request.Cursor);
        var since = RequestRelease.Since(httpRequest, request.ChangedSince);
        var filter = new ObservationQueries.Filter(
            indicator, request.Entity, request.Counterpart, request.Source, request.Kind, request.Qualifier,
            QueryText.ParseOptionalInt(request.From), QueryText.ParseOptionalInt(request.To),
            IncludeDerived: request.IncludeDerived == "true", Since: since?.Seq);
        if (request.Q is not null)
        {
            return await ObservationSearch.ListAsync(request.Q, release, filter, position, database, counts, urls, httpRequest, cancellationToken);
        }

        await using var connection = await database.OpenAsync(cancellationToken);
        var (rows, total) = await ObservationQueries.ListAsync(connection, release, filter, position, counts, cancellationToken);
        var baseUrl = urls.Base(httpRequest);
        var page = rows.Take(position.PageSize).ToList();
        (List<Tombstone> Page, bool More)? withdrawn = since is null
            ? null
            : await PagedLists.WithdrawnAfterAsync(position, page.Count, total,
                (offset, limit) => ObservationQueries.WithdrawnAsync(connection, release, since, filter, offset, limit, cancellationToken));
        return new PagedList<ObservationResponse>
        {
            Items = page.Select(r => r.ToResponse(baseUrl, release.Id)).ToList(),
            Page = position.Page,
            PageSize = position.PageSize,
            Total = total,
            Release = release.Id,
            Links = new PageLinks
            {
                Self = urls.Permalink(httpRequest),
                Next = rows.Count > position.PageSize
                    ? urls.Permalink(httpRequest, Paging.NextChanges(PageCursor.Encode(position.Page + 1, page[^1].Seq, release.Seq)))
                    : withdrawn?.More is true
                        // Past the figures, the tombstones follow by page number.
                        ? urls.Permalink(httpRequest, new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
                        {
                            ["cursor"] = null,
                            ["page"] = (position.Page + 1).ToString(System.Globalization.CultureInfo.InvariantCulture),
                        })
                        : null,
            },
            Withdrawn = withdrawn?.Page,
        };
    }
}
