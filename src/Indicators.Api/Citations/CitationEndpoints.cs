using System.Globalization;
using Indicators.Api.Data;
using Indicators.Api.Http;
using Indicators.Api.Observations;
using Indicators.Api.Sources;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;

namespace Indicators.Api.Citations;

/// <summary>Citations researchers paste into a paper or import into a reference manager.</summary>
internal static class CitationEndpoints
{
    /// <summary>How the service's own data is cited: there is no author or publisher to name.</summary>
    public const string DatasetTitle =
        "Indicators: bilateral economic figures (China–Pakistan and the Global South), each cited to the sentence";

    private const string StylesDescription = """
        Styles: apa (default) and chicago as text/plain, bibtex (application/x-bibtex), ris
        (application/x-research-info-systems) and csl-json (application/vnd.citationstyles.csl+json). The author
        and publication date appear only where the source gives them; the access date is today (UTC). Every citation names
        the release read as its version and links to a permalink that names it too (`?release=`), so the numbers cited
        can always be found again; a figure's citation carries the figure and its quote (BibTeX note, RIS N1, CSL-JSON
        note), and a source also published elsewhere (established outside its text) says where.
        """;

    public static RouteGroupBuilder MapCitations(this RouteGroupBuilder v1)
    {
        v1.MapGet("/observations/{id}/citation", CiteObservation)
            .WithName("CiteObservation").WithSummary("Cite one observation").WithTags("Citations")
            .WithDescription("The source document of the figure, cited at the observation's permalink, with the figure. " + StylesDescription)
            .Validate<CitationRequest>()
            .ProducesProblem(StatusCodes.Status410Gone)
            .Produces<string>(StatusCodes.Status200OK, "text/plain", "application/x-bibtex",
                "application/x-research-info-systems", "application/vnd.citationstyles.csl+json");

        v1.MapGet("/sources/{id}/citation", CiteSource)
            .WithName("CiteSource").WithSummary("Cite one source").WithTags("Citations")
            .WithDescription("The source document, cited at its URL in this service. " + StylesDescription)
            .Validate<CitationRequest>()
            .Produces<string>(StatusCodes.Status200OK, "text/plain", "application/x-bibtex",
                "application/x-research-info-systems", "application/vnd.citationstyles.csl+json");

        v1.MapGet("/citation", CiteDataset)
            .WithName("CiteDataset").WithSummary("Cite this dataset").WithTags("Citations")
            .WithDescription("The service's data as a whole, for a methods section. " + StylesDescription)
            .Validate<CitationRequest>()
            .Produces<string>(StatusCodes.Status200OK, "text/plain", "application/x-bibtex",
                "application/x-research-info-systems", "application/vnd.citationstyles.csl+json");

        return v1;
    }

    /// <param name="id" example="china-gdp-2023-cny">The observation id.</param>
    internal static async Task<Results<CitationResult, ProblemHttpResult>> CiteObservation(
        string id, [AsParameters] CitationRequest request, IndicatorsDatabase database, PublicUrls urls,
        TimeProvider clock, HttpContext context, CancellationToken cancellationToken)
    {
        var release = DatasetRelease.Of(context.Request);
        await using var connection = await database.OpenAsync(cancellationToken);
        var observation = await ObservationQueries.FindAsync(connection, release, id, cancellationToken);
        if (observation is null)
        {
            return await ObservationHistory.NotInReleaseAsync(connection, release, id, urls, context.Request, cancellationToken);
        }

        var source = await SourceQueries.FindAsync(connection, release, observation.Source, cancellationToken);
        if (source is null)
        {
            return Problems.NotFound($"There is no observation '{id}'. See /v1/observations for the list.");
        }

        // The figure itself goes in the citation, in the one wording every representation uses, with its quote.
        var figure = observation.ToResponse(urls.Base(context.Request), release.Id);
        var statement = FigureWording.Summary(figure)
                        + (figure.Citation is { } cited ? $": “{cited.Quote}”" : figure.Formula is { } formula ? $" (derived: {formula})" : "");
        var url = urls.Pinned(context.Request, $"/v1/observations/{Uri.EscapeDataString(observation.Id)}", release);
        return Cite(request, Document(source, observation.Id, url, release, clock) with { Figure = statement });
    }

    /// <param name="id" example="modernisation-in-china-and-pakistan">The source id.</param>
    internal static async Task<Results<CitationResult, ProblemHttpResult>> CiteSource(
        string id, [AsParameters] CitationRequest request, IndicatorsDatabase database, PublicUrls urls,
        TimeProvider clock, HttpContext context, CancellationToken cancellationToken)
    {
        var release = DatasetRelease.Of(context.Request);
        await using var connection = await database.OpenAsync(cancellationToken);
        var source = await SourceQueries.FindAsync(connection, release, id, cancellationToken);
        if (source is null)
        {
            return Problems.NotFound($"There is no source '{id}' in the release read. See /v1/sources for the list.");
        }

        var url = urls.Pinned(context.Request, $"/v1/sources/{Uri.EscapeDataString(source.Id)}", release);
        return Cite(request, Document(source, source.Id, url, release, clock));
    }

    internal static CitationResult CiteDataset(
        [AsParameters] CitationRequest request, PublicUrls urls, TimeProvider clock, HttpContext context)
    {
        var release = DatasetRelease.Of(context.Request);
        // The dataset's version is the release, published the day it was published.
        var published = release.PublishedAt is { } at ? DateOnly.FromDateTime(at.UtcDateTime) : (DateOnly?)null;
        return Cite(request, new CitedWork(
            "indicators", "dataset", Author: null, DatasetTitle, published, Publisher: null, Version(release),
            urls.Pinned(context.Request, "/v1/observations", release), Today(clock), release.Id, DatasetLicence));
    }

    /// <summary>The dataset's licence as citations state it; the quoted source texts are not covered.</summary>
    public const string DatasetLicence = "CC BY 4.0 (https://creativecommons.org/licenses/by/4.0/); the quoted source texts remain their authors' and are not covered";

    /// <summary>The release as a citation's version: its id (an unpublished one says so).</summary>
    private static string Version(ReleaseStamp release) => release.IsPublished ? release.Id : $"{release.Id} (unpublished)";

    private static CitedWork Document(SourceRow source, string key, string url, ReleaseStamp release, TimeProvider clock) => new(
        key, "webpage", source.Author, source.Title, PublishedOn(source.PublishedOn), source.Publisher, Version(release), url,
        Today(clock), release.Id)
    {
        AlsoPublishedIn = source.Facts.Where(f => f.Fact == "also-published-in")
            .Select(f => new OtherPublication(f.Title, f.Author, f.Publisher, PublishedOn(f.PublishedOn), f.Url)).ToList(),
    };

    private static CitationResult Cite(CitationRequest request, CitedWork work)
    {
        var style = request.Style is null ? CitationStyles.Apa : CitationStyles.Find(request.Style)!;
        return new CitationResult(style, work);
    }

    private static DateOnly? PublishedOn(string? isoDate) =>
        isoDate is not null && DateOnly.TryParseExact(isoDate, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date
            : null;

    private static DateOnly Today(TimeProvider clock) => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
}

/// <summary>A citation in its style's media type, named for "Save as" with its release (china-gdp-2023-cny-6232fba9f0a660cc.bib).</summary>
internal sealed class CitationResult(CitationStyle style, CitedWork work) : IResult
{
    /// <summary>The citation's text, for a page that shows it (the same bytes the API serves).</summary>
    public string Text => style.Write(work);

    public Task ExecuteAsync(HttpContext httpContext)
    {
        httpContext.Response.ContentType = style.MediaType;
        httpContext.Response.Headers.ContentDisposition =
            new ContentDispositionHeaderValue("inline") { FileName = $"{work.Key}-{work.Release}.{style.Extension}" }.ToString();
        return httpContext.Response.WriteAsync(style.Write(work), httpContext.RequestAborted);
    }
}
