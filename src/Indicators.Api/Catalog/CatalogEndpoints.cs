using System.Globalization;
using Indicators.Api.Citations;
using Indicators.Api.Data;
using Indicators.Api.DataPackage;
using Indicators.Api.Http;
using Indicators.Api.Sdmx;
using Indicators.Api.Sources;

namespace Indicators.Api.Catalog;

/// <summary>
/// A DCAT-AP 3 catalogue of this service, for harvesters (CKAN's ckanext-dcat, data portals) and dataset search.
/// One dataset, not one per indicator: the figures are one curated release with one licence and publisher, and
/// every distribution (the JSON and CSV lists, the SDMX dataflow, the Data Package) carries all indicators at once;
/// twenty datasets of one to three figures each would repeat the same metadata with nothing of their own to download.
/// </summary>
internal static class CatalogEndpoints
{
    private const string Dcat = "http://www.w3.org/ns/dcat#";
    private const string Dct = "http://purl.org/dc/terms/";
    private const string Foaf = "http://xmlns.com/foaf/0.1/";
    private const string Rdfs = "http://www.w3.org/2000/01/rdf-schema#";
    private const string Xsd = "http://www.w3.org/2001/XMLSchema#";
    private const string FileType = "http://publications.europa.eu/resource/authority/file-type/";
    private const string MediaTypes = "http://www.iana.org/assignments/media-types/";

    public static WebApplication MapCatalog(this WebApplication app)
    {
        app.MapGet("/catalog.ttl", Turtle)
            .WithName("GetCatalogTurtle").WithSummary("The DCAT-AP 3 catalogue as Turtle").WithTags("Catalogue")
            .WithDescription(Description)
            .Produces<string>(StatusCodes.Status200OK, "text/turtle")
            .ProducesProblem(StatusCodes.Status404NotFound);
        app.MapGet("/catalog.jsonld", JsonLd)
            .WithName("GetCatalogJsonLd").WithSummary("The DCAT-AP 3 catalogue as JSON-LD").WithTags("Catalogue")
            .WithDescription(Description + " The context is inline, so no remote context is fetched.")
            .Produces(StatusCodes.Status200OK, typeof(object), "application/ld+json")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    private const string Description = """
        A dcat:Catalog with one dcat:Dataset (the curated figures of the current release: title, description,
        publisher, temporal coverage, licence, version) and its dcat:Distributions: the JSON and CSV lists, SDMX-ML and
        SDMX-CSV data, the Data Package descriptor and zip; and the two APIs as dcat:DataServices. Same graph in Turtle
        and JSON-LD.
        """;

    internal static async Task<IResult> Turtle(IndicatorsDatabase database, SdmxFlow flow, PublicUrls urls, HttpContext context, CancellationToken cancellationToken) =>
        TypedResults.Text(RdfWriter.Turtle(await TriplesAsync(database, flow, urls.Base(context.Request), context, cancellationToken)), "text/turtle; charset=utf-8");

    internal static async Task<IResult> JsonLd(IndicatorsDatabase database, SdmxFlow flow, PublicUrls urls, HttpContext context, CancellationToken cancellationToken) =>
        TypedResults.Text(RdfWriter.JsonLd(await TriplesAsync(database, flow, urls.Base(context.Request), context, cancellationToken)), "application/ld+json; charset=utf-8");

    /// <summary>The distributions: title, URL (relative to the service), IANA media type or null, EU file type, and the standard it follows.</summary>
    private static readonly (string Key, string Title, string Path, string? MediaType, string Format, string? ConformsTo)[] Distributions =
    [
        ("json", "Figures as JSON (paged)", "/v1/observations", "application/json", "JSON", null),
        ("csv", "Figures as CSV (all rows)", "/v1/observations.csv", "text/csv", "CSV", null),
        ("sdmx-ml", "Figures as SDMX-ML 2.1 Generic data", "/sdmx/2.1/data/FIGURES/all", "application/xml", "SDMX", "https://sdmx.org/?page_id=5008"),
        ("sdmx-csv", "Figures as SDMX-CSV 1.0", "/sdmx/2.1/data/FIGURES/all?format=csvdata", "text/csv", "CSV", "https://github.com/sdmx-twg/sdmx-csv"),
        ("datapackage", "Frictionless Data Package descriptor", "/datapackage.json", "application/json", "JSON", "https://specs.frictionlessdata.io/data-package/"),
        ("datapackage-zip", "Frictionless Data Package, zipped with its CSVs and a README", "/datapackage.zip", "application/zip", "ZIP", "https://specs.frictionlessdata.io/data-package/"),
    ];

    private static async Task<List<RdfTriple>> TriplesAsync(
        IndicatorsDatabase database, SdmxFlow flow, string baseUrl, HttpContext context, CancellationToken cancellationToken)
    {
        var release = context.Features.Get<ReleaseStamp>()!;
        // Read once per release with the dataflow's summary, not per request: at a million figures it is a full pass.
        var coverage = (await flow.SummaryAsync(release).WaitAsync(cancellationToken)).Coverage;
        var (first, last, open) = (coverage.First, coverage.Last, coverage.Open);
        List<SourceRow> sources;
        await using (var connection = await database.OpenAsync(cancellationToken))
        {
            sources = (await SourceQueries.ListAsync(connection, release, new PagePosition(1, PagePosition.MaxPageSize, null), null, cancellationToken)).Rows;
        }

        var triples = new List<RdfTriple>();
        void Add(RdfTerm subject, string predicate, RdfTerm value) => triples.Add(new RdfTriple(subject, new RdfIri(predicate), value));
        RdfIri Iri(string value) => new(value);
        var catalog = Iri($"{baseUrl}/catalog");
        var dataset = Iri($"{baseUrl}/catalog#figures");
        var publisher = Iri($"{baseUrl}/catalog#publisher");
        var licence = Iri(DataPackageEndpoints.LicenceUrl);
        var modified = new RdfLiteral(release.BuiltAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture), Xsd + "dateTime");
        var api = Iri($"{baseUrl}/catalog#api");
        var sdmx = Iri($"{baseUrl}/catalog#sdmx");

        Add(catalog, RdfWriter.RdfType, Iri(Dcat + "Catalog"));
        Add(catalog, Dct + "title", RdfLiteral.English("Indicators: curated, cited figures"));
        Add(catalog, Dct + "description", RdfLiteral.English("The catalogue of this service: one dataset of bilateral economic figures (China–Pakistan and the Global South), each cited to the exact sentence it came from, and the APIs that serve it."));
        Add(catalog, Dct + "publisher", publisher);
        Add(catalog, Dct + "license", licence);
        Add(catalog, Dct + "modified", modified);
        Add(catalog, Foaf + "homepage", Iri($"{baseUrl}/v1/observations"));
        Add(catalog, Dcat + "dataset", dataset);
        Add(catalog, Dcat + "service", api);
        Add(catalog, Dcat + "service", sdmx);

        Add(publisher, RdfWriter.RdfType, Iri(Foaf + "Agent"));
        Add(publisher, Foaf + "name", RdfLiteral.English("Indicators"));
        Add(publisher, Foaf + "homepage", Iri($"{baseUrl}/v1/observations"));

        Add(dataset, RdfWriter.RdfType, Iri(Dcat + "Dataset"));
        Add(dataset, Dct + "title", RdfLiteral.English(CitationEndpoints.DatasetTitle));
        Add(dataset, Dct + "description", RdfLiteral.English(
            "Figures curated by hand from policy articles, each kept with the source's own qualifier (exceeded, nearly, within: facts, not noise), the bounds it implies, its period, its kind (actual, target, plan, capacity, in progress, or derived by this service) and the verbatim quote with its offsets in the source text. " + DataPackageEndpoints.LicenceNote));
        Add(dataset, Dct + "publisher", publisher);
        Add(dataset, Dct + "identifier", new RdfLiteral($"{baseUrl}/datapackage.json"));
        Add(dataset, Dcat + "version", new RdfLiteral($"1.0.0+{release.Id}"));
        Add(dataset, Dct + "modified", modified);
        Add(dataset, Dct + "license", licence);
        Add(dataset, Dct + "language", Iri("http://publications.europa.eu/resource/authority/language/ENG"));
        Add(dataset, Dcat + "theme", Iri("http://publications.europa.eu/resource/authority/data-theme/ECON"));
        foreach (var keyword in new[] { "China", "Pakistan", "Global South", "CPEC", "economic indicators", "citations" })
        {
            Add(dataset, Dcat + "keyword", RdfLiteral.English(keyword));
        }

        var rights = new RdfBlank("rights");
        Add(dataset, Dct + "rights", rights);
        Add(rights, RdfWriter.RdfType, Iri(Dct + "RightsStatement"));
        Add(rights, Rdfs + "label", RdfLiteral.English(DataPackageEndpoints.LicenceNote));
        Add(licence, RdfWriter.RdfType, Iri(Dct + "LicenseDocument"));
        Add(licence, Rdfs + "label", RdfLiteral.English(DataPackageEndpoints.LicenceTitle));

        if (first is not null)
        {
            // DCAT allows an open interval: an end that is not known is left out, not invented.
            var temporal = new RdfBlank("coverage");
            Add(dataset, Dct + "temporal", temporal);
            Add(temporal, RdfWriter.RdfType, Iri(Dct + "PeriodOfTime"));
            Add(temporal, Dcat + "startDate", new RdfLiteral(first.Value.ToString("0000", CultureInfo.InvariantCulture), Xsd + "gYear"));
            if (!open && last is not null)
            {
                Add(temporal, Dcat + "endDate", new RdfLiteral(last.Value.ToString("0000", CultureInfo.InvariantCulture), Xsd + "gYear"));
            }
        }

        foreach (var source in sources)
        {
            // The source texts are related documents, not part of the dataset's licence.
            Add(dataset, Dct + "relation", Iri($"{baseUrl}/v1/sources/{Uri.EscapeDataString(source.Id)}/text"));
        }

        foreach (var (key, title, path, mediaType, format, conformsTo) in Distributions)
        {
            var distribution = Iri($"{baseUrl}/catalog#distribution-{key}");
            var url = Iri(baseUrl + path);
            Add(dataset, Dcat + "distribution", distribution);
            Add(distribution, RdfWriter.RdfType, Iri(Dcat + "Distribution"));
            Add(distribution, Dct + "title", RdfLiteral.English(title));
            Add(distribution, Dcat + "accessURL", url);
            Add(distribution, Dcat + "downloadURL", url);
            if (mediaType is not null)
            {
                Add(distribution, Dcat + "mediaType", Iri(MediaTypes + mediaType));
            }

            Add(distribution, Dct + "format", Iri(FileType + format));
            Add(distribution, Dct + "license", licence);
            Add(distribution, Dct + "rights", rights);
            if (conformsTo is not null)
            {
                Add(distribution, Dct + "conformsTo", Iri(conformsTo));
            }

            Add(distribution, Dcat + "accessService", path.StartsWith("/sdmx", StringComparison.Ordinal) ? sdmx : api);
        }

        Add(api, RdfWriter.RdfType, Iri(Dcat + "DataService"));
        Add(api, Dct + "title", RdfLiteral.English("Indicators API v1 (JSON and CSV)"));
        Add(api, Dcat + "endpointURL", Iri($"{baseUrl}/v1"));
        Add(api, Dcat + "endpointDescription", Iri($"{baseUrl}/swagger/v1/swagger.json"));
        Add(api, Dcat + "servesDataset", dataset);
        Add(api, Dct + "license", licence);

        Add(sdmx, RdfWriter.RdfType, Iri(Dcat + "DataService"));
        Add(sdmx, Dct + "title", RdfLiteral.English("SDMX 2.1 REST (dataflow INDICATORS:FIGURES(1.0))"));
        Add(sdmx, Dcat + "endpointURL", Iri($"{baseUrl}/sdmx/2.1"));
        Add(sdmx, Dcat + "endpointDescription", Iri($"{baseUrl}/sdmx/2.1/dataflow/{SdmxIds.Agency}/{SdmxIds.Dataflow}/{SdmxIds.Version}?references=all"));
        Add(sdmx, Dct + "conformsTo", Iri("https://github.com/sdmx-twg/sdmx-rest"));
        Add(sdmx, Dcat + "servesDataset", dataset);
        Add(sdmx, Dct + "license", licence);
        return triples;
    }
}
