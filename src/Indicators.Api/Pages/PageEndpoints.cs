using Indicators.Api.Charts;
using Indicators.Api.Citations;
using Indicators.Api.Data;
using Indicators.Api.Embeds;
using Indicators.Api.Http;
using Indicators.Api.Indicators;
using Indicators.Api.Observations;
using Indicators.Api.Releases;
using Indicators.Api.Sources;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Indicators.Api.Pages;

/// <summary>
/// The pages for people, outside /v1: each is a view of API URLs it names (its JSON and CSV twins, in the head
/// and the Link header), rendered on the server as Razor components and working with JavaScript off.
/// </summary>
internal static class PageEndpoints
{
    private const string Html = "text/html";

    public static WebApplication MapPages(this WebApplication app)
    {
        var pages = app.MapGroup("").WithTags("Pages").AddEndpointFilter<PageNegotiationFilter>();

        pages.MapGet("/", Home)
            .WithName("HomePage").WithSummary("The home page")
            .WithDescription("What the service is, every indicator, the search box, the release being served, how to cite the dataset and where the API is.")
            .Produces<string>(StatusCodes.Status200OK, Html)
            .ProducesPageProblem(StatusCodes.Status406NotAcceptable);

        pages.MapGet("/indicators/{code}", Indicator)
            .WithName("IndicatorPage").WithSummary("An indicator's page")
            .WithDescription("The indicator's definition and unit, its chart and a table of the same figures, figure cards, downloads with copyable one-liners, the embed snippet and how to cite.")
            .Produces<string>(StatusCodes.Status200OK, Html)
            .ProducesPageProblem(StatusCodes.Status404NotFound, StatusCodes.Status406NotAcceptable);

        pages.MapGet("/observations/{id}", Observation)
            .WithName("ObservationPage").WithSummary("A figure's page")
            .WithDescription("One figure in words with its bounds, period, kind, the verbatim quote linked to its place in the source, and its citation in every style.")
            .Produces<string>(StatusCodes.Status200OK, Html)
            .ProducesPageProblem(StatusCodes.Status404NotFound, StatusCodes.Status406NotAcceptable);

        pages.MapGet("/search", Search)
            .WithName("SearchPage").WithSummary("Search the figures")
            .WithDescription("The query parameters of /v1/observations as a page: the count in words, facets with counts, figure cards with the match marked, and the same search as JSON and CSV. Not indexed by search engines.")
            .Validate<ListObservationsRequest>()
            .Produces<string>(StatusCodes.Status200OK, Html)
            .ProducesPageProblem(StatusCodes.Status400BadRequest, StatusCodes.Status406NotAcceptable);

        pages.MapGet("/sources/{id}", Source)
            .WithName("SourcePage").WithSummary("Read a source with its quoted figures highlighted")
            .WithDescription("The source's bibliographic line and citation, its text with each quoted span a <mark> (the anchor obs-{observation id} marks the whole quote), and the figures taken from it.")
            .Produces<string>(StatusCodes.Status200OK, Html)
            .ProducesPageProblem(StatusCodes.Status404NotFound, StatusCodes.Status406NotAcceptable);

        pages.MapGet("/embed/indicators/{code}", EmbedEndpoint.Render)
            .WithName("EmbedIndicatorChart").WithSummary("An indicator's chart as a page to embed in an iframe").WithTags("Embeds")
            .WithDescription("Self-contained HTML (inline SVG, no fonts or requests elsewhere) that any site may frame; width and height size the whole frame; theme is light or dark (default: the reader's preference). Takes the observation filters, and keeps them in its data links. One script, allowed by its hash, posts the frame's height to the host page as {\"datawrapper-height\": {code: pixels}}. Its oEmbed is at /oembed.")
            .DoesNotTake("indicator", "cursor", "q")
            .Validate<ListObservationsRequest>()
            .Validate<ChartSizeRequest>()
            .Validate<EmbedThemeRequest>()
            .Produces<string>(StatusCodes.Status200OK, Html)
            .ProducesPageProblem(StatusCodes.Status404NotFound, StatusCodes.Status406NotAcceptable);
        app.MapOEmbed();

        app.MapSiteFiles();
        return app;
    }

    /// <summary>Errors a page documents: problem+json, or the same as an HTML page for a browser.</summary>
    private static RouteHandlerBuilder ProducesPageProblem(this RouteHandlerBuilder builder, params int[] statuses)
    {
        foreach (var status in statuses)
        {
            builder.ProducesProblem(status);
        }

        return builder.WithMetadata(new PageProblemsMetadata());
    }

    internal static async Task<RazorComponentResult> Home(HttpContext http, TimeProvider clock, CancellationToken cancellationToken)
    {
        var site = PageContext.For(http);
        var database = http.RequestServices.GetRequiredService<IndicatorsDatabase>();
        var urls = http.RequestServices.GetRequiredService<PublicUrls>();
        var stamp = DatasetRelease.Of(http.Request);
        // Each indicator's and source's figure count is a COUNT over its figures: read once per release.
        var (indicators, sources, sourceTotal, release) = await http.RequestServices.GetRequiredService<PageCache>().GetAsync(site.Release, "home", "", async () =>
        {
            await using var connection = await database.OpenAsync(cancellationToken);
            var all = PagePosition.From(null, PagePosition.MaxPageSize.ToString(System.Globalization.CultureInfo.InvariantCulture), null);
            var indicatorRows = (await IndicatorQueries.ListAsync(connection, stamp, all, since: null, cancellationToken)).Rows.Take(PagePosition.MaxPageSize).Select(IndicatorView.From).ToList();
            var firstSources = PagePosition.From(null, HomePage.MaxSources.ToString(System.Globalization.CultureInfo.InvariantCulture), null);
            var (sourceRows, total) = await SourceQueries.ListAsync(connection, stamp, firstSources, since: null, cancellationToken);
            var latest = (await ReleaseQueries.FindAsync(connection, stamp, stamp.Id, cancellationToken))!.ToResponse(urls.Base(http.Request));
            return (indicatorRows, sourceRows.Take(HomePage.MaxSources).Select(SourceView.From).ToList(), total, latest);
        });

        var citation = CitationEndpoints.CiteDataset(new CitationRequest(), urls, clock, http).Text;
        var links = site.Links;
        var meta = new PageMeta
        {
            Title = "Bilateral economic figures, each cited to the sentence",
            Description = "China–Pakistan and Global South figures from policy articles, each with its source's qualifier (more than, around, within) and the exact sentence it came from. Browse, search, download as CSV or JSON.",
            Canonical = links.Absolute(links.Home),
            Alternates =
            [
                new("application/json", links.Absolute(links.Api("")), "The API index (JSON)"),
                new("text/csv", links.Absolute(links.Api("/observations.csv")), "Every figure (CSV)"),
            ],
            // The preview shows the indicator with the most figures: the home page has no chart of its own.
            Image = indicators.MaxBy(i => i.Count) is { Count: > 0 } shown ? links.Absolute(links.Chart(shown.Code, "png", 1200, 630)) : null,
            ImageAlt = indicators.MaxBy(i => i.Count) is { } pictured ? $"A chart of {pictured.Name}" : null,
            JsonLd = JsonLd.Dataset(
                CitationEndpoints.DatasetTitle,
                "Figures on China, Pakistan and the Global South as two policy articles state them: each keeps its source's qualifier words, its period and the verbatim sentence it came from, with character offsets into the source text. Derived figures say what they are computed from.",
                links.Absolute(links.Home), release.Id, site.ReleaseBuiltAt, indicators.Select(i => i.Name),
                [("text/csv", links.Absolute(links.Api("/observations.csv"))), ("application/json", links.Absolute(links.Api("/observations")))],
                sources.Select(s => s.Title), JsonLd.DataLicence),
            HasCopyButtons = true,
        };
        return PageResults.Page<HomePage>(site, meta, new()
        {
            [nameof(HomePage.Indicators)] = indicators,
            [nameof(HomePage.Sources)] = sources,
            [nameof(HomePage.SourceTotal)] = sourceTotal,
            [nameof(HomePage.ReleaseId)] = release.Id,
            [nameof(HomePage.ReleaseBuiltAt)] = release.BuiltAt,
            [nameof(HomePage.Changelog)] = release.Changelog,
            [nameof(HomePage.Citation)] = citation,
        });
    }

    /// <param name="code" example="share-of-world-gdp">The indicator code.</param>
    internal static async Task<Results<RazorComponentResult, ProblemHttpResult>> Indicator(
        string code, HttpContext http, TimeProvider clock, CancellationToken cancellationToken)
    {
        var site = PageContext.For(http);
        var database = http.RequestServices.GetRequiredService<IndicatorsDatabase>();
        var urls = http.RequestServices.GetRequiredService<PublicUrls>();
        var cache = http.RequestServices.GetRequiredService<PageCache>();
        var indicator = await cache.GetAsync(site.Release, "indicator", code, async () =>
        {
            await using var connection = await database.OpenAsync(cancellationToken);
            return await IndicatorQueries.FindAsync(connection, DatasetRelease.Of(http.Request), code, cancellationToken);
        });
        if (indicator is null)
        {
            return Problems.NotFound($"There is no indicator '{code}'. The home page lists every indicator.");
        }

        var list = await PageQueries.ListAsync(http, new ListObservationsRequest { PageSize = PageQueries.MaxCards.ToString(System.Globalization.CultureInfo.InvariantCulture) }, code, cancellationToken);
        Dictionary<string, SourceRow> sources;
        await using (var connection = await database.OpenAsync(cancellationToken))
        {
            sources = await PageQueries.SourcesAsync(http, connection, list.Items.Select(o => o.Citation?.Source).OfType<string>(), cancellationToken);
        }

        var figures = PageQueries.Views(list.Items, sources);
        var links = site.Links;
        var json = links.Api($"/indicators/{Uri.EscapeDataString(code)}/observations");
        var csv = links.Api($"/indicators/{Uri.EscapeDataString(code)}/observations.csv");
        var embed = links.Absolute(links.Embed(code));
        // The oEmbed's own snippet, so the page and a CMS paste the same iframe.
        var snippet = await cache.GetAsync(site.Release, "oembed", embed, async () =>
            (await OEmbed.Answer(new OEmbedRequest { Url = embed }, http.RequestServices.GetRequiredService<KnownCodes>(), database, urls, http, cancellationToken))
                .Result is Ok<OEmbedResponse> ok ? ok.Value!.Html : $"<iframe src=\"{embed}\"></iframe>");
        var view = IndicatorView.From(indicator);
        var citation = CitationEndpoints.CiteDataset(new CitationRequest(), urls, clock, http).Text;
        var meta = new PageMeta
        {
            Title = view.Name,
            Description = $"{view.Name}: {view.Description} {list.Total} figure(s), each quoted from its source with its qualifier.",
            Canonical = links.Absolute(links.Indicator(code)),
            Crumbs = [new("Home", links.Home), new(view.Name, null)],
            Alternates =
            [
                new("application/json", links.Absolute(json), $"{view.Name}: figures (JSON)"),
                new("text/csv", links.Absolute(csv), $"{view.Name}: figures (CSV)"),
                new("application/json+oembed", links.Absolute(links.Href("/oembed", [new("url", embed), new("format", "json")])), $"{view.Name} (oEmbed)"),
            ],
            Image = links.Absolute(links.Chart(code, "png", 1200, 630)),
            ImageAlt = $"A chart of {view.Name}",
            JsonLd = JsonLd.Dataset(
                $"{view.Name} ({CitationEndpoints.DatasetTitle})", $"{view.Description} Each figure is quoted from its source with its qualifier words and period.",
                links.Absolute(links.Indicator(code)), site.Release, site.ReleaseBuiltAt, [view.Name],
                [("text/csv", links.Absolute(csv)), ("application/json", links.Absolute(json))],
                sources.Values.Select(s => s.Title), JsonLd.DataLicence),
            HasCopyButtons = true,
        };
        return PageResults.Page<IndicatorPage>(site, meta, new()
        {
            [nameof(IndicatorPage.Indicator)] = view,
            [nameof(IndicatorPage.Figures)] = figures,
            [nameof(IndicatorPage.Total)] = list.Total,
            [nameof(IndicatorPage.JsonHref)] = json,
            [nameof(IndicatorPage.CsvHref)] = csv,
            [nameof(IndicatorPage.EmbedSnippet)] = snippet,
            [nameof(IndicatorPage.OEmbedHref)] = links.Href("/oembed", [new("url", embed)]),
            [nameof(IndicatorPage.Citation)] = citation,
        });
    }

    /// <param name="id" example="global-south-share-of-world-gdp-now">The observation id.</param>
    internal static async Task<Results<RazorComponentResult, ProblemHttpResult>> Observation(
        string id, HttpContext http, TimeProvider clock, CancellationToken cancellationToken)
    {
        var site = PageContext.For(http);
        var database = http.RequestServices.GetRequiredService<IndicatorsDatabase>();
        var urls = http.RequestServices.GetRequiredService<PublicUrls>();
        var baseUrl = urls.Base(http.Request);
        ObservationResponse? figure;
        List<ObservationResponse> inputs = [];
        Dictionary<string, SourceRow> sources;
        await using (var connection = await database.OpenAsync(cancellationToken))
        {
            var release = DatasetRelease.Of(http.Request);
            figure = (await ObservationQueries.FindAsync(connection, release, id, cancellationToken))?.ToResponse(baseUrl, release.Id);
            if (figure is null)
            {
                // A figure this release no longer holds is a 410 page linking to its history, as the API's 410 does.
                return await ObservationHistory.NotInReleaseAsync(connection, release, id, urls, http.Request, cancellationToken);
            }

            foreach (var input in figure.Inputs)
            {
                if ((await ObservationQueries.FindAsync(connection, DatasetRelease.Of(http.Request), input, cancellationToken))?.ToResponse(baseUrl, DatasetRelease.Of(http.Request).Id) is { } stated)
                {
                    inputs.Add(stated);
                }
            }

            sources = await PageQueries.SourcesAsync(
                http, connection, inputs.Prepend(figure).Select(o => o.Citation?.Source).OfType<string>(), cancellationToken);
        }

        var links = site.Links;
        var citations = figure.Citation is null
            ? []
            : await PageQueries.CitationsAsync(
                async request => (await CitationEndpoints.CiteObservation(id, request, database, urls, clock, http, cancellationToken)).Result as CitationResult,
                style => links.Api($"/observations/{Uri.EscapeDataString(id)}/citation", [new("style", style)]));
        var view = PageQueries.Views([figure], sources)[0];
        var json = links.Api($"/observations/{Uri.EscapeDataString(id)}");
        var meta = new PageMeta
        {
            Title = view.Summary,
            Description = figure.Citation is { } c ? $"{view.Summary}. “{c.Quote}”" : $"{view.Summary}. Derived by this service: {figure.Formula}.",
            Canonical = links.Absolute(links.Observation(id)),
            Crumbs = [new("Home", links.Home), new(view.IndicatorName, links.Indicator(view.IndicatorCode)), new(view.Statement, null)],
            Alternates =
            [
                new("application/json", links.Absolute(json), "This figure (JSON)"),
                new("text/csv", links.Absolute(links.Api($"/indicators/{Uri.EscapeDataString(view.IndicatorCode)}/observations.csv")), $"{view.IndicatorName}: figures (CSV)"),
            ],
            Image = links.Absolute(links.Chart(view.IndicatorCode, "png", 1200, 630)),
            ImageAlt = $"A chart of {view.IndicatorName}",
            HasCopyButtons = citations.Count > 0,
        };
        return PageResults.Page<ObservationPage>(site, meta, new()
        {
            [nameof(ObservationPage.Figure)] = view,
            [nameof(ObservationPage.Inputs)] = PageQueries.Views(inputs, sources),
            [nameof(ObservationPage.Source)] = view.SourceId is { } s && sources.TryGetValue(s, out var row) ? SourceView.From(row) : null,
            [nameof(ObservationPage.Citations)] = citations,
            [nameof(ObservationPage.JsonHref)] = json,
        });
    }

    internal static async Task<RazorComponentResult> Search(
        [AsParameters] ListObservationsRequest request, HttpContext http, CancellationToken cancellationToken)
    {
        var site = PageContext.For(http);
        var database = http.RequestServices.GetRequiredService<IndicatorsDatabase>();
        // A page shows at most MaxCards; the JSON twin keeps the asked page size, so both count the same total.
        var shown = request.PageSize is { } size && QueryText.ParseInt(size) <= PageQueries.MaxCards
            ? request
            : request with { PageSize = PageQueries.MaxCards.ToString(System.Globalization.CultureInfo.InvariantCulture) };
        var list = await PageQueries.ListAsync(http, shown, request.Indicator, cancellationToken);
        var filter = new ObservationQueries.Filter(
            request.Indicator, request.Entity, request.Counterpart, request.Source, request.Kind, request.Qualifier,
            QueryText.ParseOptionalInt(request.From), QueryText.ParseOptionalInt(request.To), request.IncludeDerived == "true");
        var facets = await http.RequestServices.GetRequiredService<ObservationFacets>()
            .GetAsync(DatasetRelease.Of(http.Request), filter, request.Q, database, cancellationToken);
        Dictionary<string, SourceRow> sources;
        await using (var connection = await database.OpenAsync(cancellationToken))
        {
            sources = await PageQueries.SourcesAsync(http, connection, list.Items.Select(o => o.Citation?.Source).OfType<string>(), cancellationToken);
        }

        var links = site.Links;
        var query = PageQueries.Query(request);
        var json = links.Api("/observations", query);
        var csv = links.Api("/observations.csv", PageQueries.Query(request, paging: false));
        var next = list.Links.Next is { } n ? links.Search(Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(new Uri(n).Query)
            .Select(p => new KeyValuePair<string, string?>(p.Key, p.Value.ToString()))) : null;
        var meta = new PageMeta
        {
            Title = request.Q is null ? "Search the figures" : $"Figures matching “{request.Q}”",
            Description = $"{list.Total} figure(s) matching this search, each quoted from its source.",
            Canonical = site.Self,
            Crumbs = [new("Home", links.Home), new("Search", null)],
            Alternates =
            [
                new("application/json", links.Absolute(json), "This search (JSON)"),
                new("text/csv", links.Absolute(csv), "This search (CSV)"),
            ],
            NoIndex = true,
        };
        return PageResults.Page<SearchPage>(site, meta, new()
        {
            [nameof(SearchPage.Request)] = new SearchView(query),
            [nameof(SearchPage.Figures)] = PageQueries.Views(list.Items, sources),
            [nameof(SearchPage.Total)] = list.Total,
            [nameof(SearchPage.Facets)] = SearchFacets.From(facets, query, links),
            [nameof(SearchPage.JsonHref)] = json,
            [nameof(SearchPage.CsvHref)] = csv,
            [nameof(SearchPage.NextHref)] = next,
            [nameof(SearchPage.FirstHref)] = list.Page > 1 || request.Cursor is not null
                ? links.Search(query.Where(p => p.Key is not ("page" or "cursor")))
                : null,
            [nameof(SearchPage.Highlight)] = QuoteMarks.Terms(request.Q),
            [nameof(SearchPage.Options)] = Options(facets, request),
        });
    }

    /// <summary>
    /// The form's choices: the kinds and qualifiers (fixed words), and for indicators, entities and sources the
    /// values the facets found (the most frequent first) plus the one asked for. Bounded whatever the data holds:
    /// a list of ten thousand sources would be neither usable nor light.
    /// </summary>
    private static SearchOptions Options(ObservationFacetCounts facets, ListObservationsRequest request)
    {
        static List<Option> From(IReadOnlyList<FacetValue> values, string? asked) =>
            values.Select(v => new Option(v.Code, v.Name))
                .Concat(asked is not null && values.All(v => v.Code != asked) ? [new Option(asked, asked)] : [])
                .OrderBy(o => o.Text, StringComparer.Ordinal).ToList();
        return new SearchOptions(
            From(facets.Indicator, request.Indicator),
            From(facets.Entity, request.Entity),
            From(facets.Source, request.Source),
            Vocabulary.Kinds.Select(k => new Option(k, FigureWording.KindWords(k) ?? "actual")).ToList(),
            Vocabulary.Qualifiers.Select(q => new Option(q, SearchFacets.QualifierName(q))).ToList(),
            From(facets.Entity, request.Counterpart));
    }

    /// <param name="id" example="modernisation-in-china-and-pakistan">The source id.</param>
    internal static async Task<Results<RazorComponentResult, ProblemHttpResult>> Source(
        string id, HttpContext http, TimeProvider clock, CancellationToken cancellationToken)
    {
        var site = PageContext.For(http);
        var database = http.RequestServices.GetRequiredService<IndicatorsDatabase>();
        var urls = http.RequestServices.GetRequiredService<PublicUrls>();
        SourceRow? source;
        string? text;
        await using (var connection = await database.OpenAsync(cancellationToken))
        {
            var release = DatasetRelease.Of(http.Request);
            source = await SourceQueries.FindAsync(connection, release, id, cancellationToken);
            text = source is null ? null : await SourceQueries.TextAsync(connection, release, id, cancellationToken);
        }

        if (source is null || text is null)
        {
            return Problems.NotFound($"There is no source '{id}'. The home page lists every source.");
        }

        // Every figure is highlighted; the cards stop at MaxCards.
        var all = await PageQueries.ListAsync(http, new ListObservationsRequest { Source = id, PageSize = Csv.CsvNegotiationFilter.AllRowsPageSize }, null, cancellationToken);
        var spans = all.Items.Where(o => o.Citation is not null)
            .Select(o => new QuotedSpan(o.Id, o.Citation!.Start, o.Citation.End)).ToList();
        var links = site.Links;
        var citations = await PageQueries.CitationsAsync(
            async request => (await CitationEndpoints.CiteSource(id, request, database, urls, clock, http, cancellationToken)).Result as CitationResult,
            style => links.Api($"/sources/{Uri.EscapeDataString(id)}/citation", [new("style", style)]));
        var view = SourceView.From(source);
        var csv = links.Api("/observations.csv", [new("source", id)]);
        var meta = new PageMeta
        {
            Title = view.Title,
            Description = $"{view.Title}{(view.Byline is { } b ? $" ({b})" : "")}: the text with the {all.Total} figure(s) quoted from it highlighted.",
            Canonical = links.Absolute(links.Source(id)),
            Crumbs = [new("Home", links.Home), new(view.Title, null)],
            Alternates =
            [
                new("application/json", links.Absolute(links.Api($"/sources/{Uri.EscapeDataString(id)}")), "This source's metadata (JSON)"),
                new("text/csv", links.Absolute(csv), "The figures quoted from it (CSV)"),
                new("text/plain", links.Absolute(links.Api($"/sources/{Uri.EscapeDataString(id)}/text")), "The text (plain)"),
            ],
            PageStyle = HighlightedText.TargetStyle(spans),
            HasCopyButtons = true,
        };
        return PageResults.Page<SourcePage>(site, meta, new()
        {
            [nameof(SourcePage.Source)] = view,
            [nameof(SourcePage.Text)] = HighlightedText.Render(text, spans),
            [nameof(SourcePage.Figures)] = PageQueries.Views(all.Items.Take(PageQueries.MaxCards), new Dictionary<string, SourceRow> { [id] = source }),
            [nameof(SourcePage.Total)] = all.Total,
            [nameof(SourcePage.Citations)] = citations,
            [nameof(SourcePage.CsvHref)] = csv,
        });
    }
}

/// <summary>Marks a page route, whose documented errors are also served as HTML pages.</summary>
internal sealed record PageProblemsMetadata;
