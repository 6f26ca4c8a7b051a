using System.Reflection;
using Indicators.Api.Observations;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace Indicators.Api.Http;

/// <summary>The OpenAPI document users read at /swagger, and that openapi.yaml commits.</summary>
internal static class OpenApiSetup
{
    public const string Description = """
        Bilateral economic figures (China–Pakistan and the Global South), each cited to the exact span of the
        sentence it came from.

        **Reading a figure.** `value` is the number as the text states it, in `unit` (multiply by `unit.scale`
        for base units). `qualifier` records how the text qualifies it, `qualifierText` the source's own words,
        and `bounds` the interval that follows, by this table:

        | qualifier | source words (examples) | lower | lowerInclusive | upper | upperInclusive |
        |---|---|---|---|---|---|
        | exact | (none) | value | true | value | true |
        | approximately | around, about | null | null | null | null |
        | more-than | exceeded, over, more than | value | false | null | null |
        | at-least | at least | value | true | null | null |
        | nearly | nearly, almost | null | null | value | false |
        | less-than | less than, under | null | null | value | false |
        | at-most | within, up to, as high as | null | null | value | true |

        `kind` says what the figure is: `actual`, `target`, `plan`, `capacity`, `in-progress` (under
        construction) or `derived` (computed by this service from stated figures, never by the source).

        **Citations.** `citation.start` and `citation.end` count Unicode code points into
        `GET /v1/sources/{id}/text` of the same release (`citation.url` names it), so `text[start:end] == quote` always holds.

        **Derived figures** (`kind=derived`) have `citation: null`, a `formula` over `[observation-id]` inputs, the
        `inputs` ids (each a stated figure with its own citation) and the reasoning in `note`; stated figures have
        `formula: null` and `inputs: []`. Lists leave derived figures out unless `kind=derived` or `includeDerived=true`.

        **Releases.** Every published release is served for ever. Every GET takes `release=<id>` (or
        `asOf=<date or date-time>`: the release published then) and answers what that release held; every response
        names the release it was read from in `X-Dataset-Release` (lists also in `release`), and links name it too.
        `/v1/releases` lists the releases with their publication times and manifests, `/v1/releases/{id}/changes` what
        each changed and why, `/v1/observations/{id}/history` every version of a figure; lists take `changedSince=<id>`
        and then give withdrawn records as tombstones. A figure the release read no longer holds is a 410.

        **Caching.** Every 200 to a GET has a strong `ETag` (from the release read), `Last-Modified` (its publication
        time) and `Cache-Control: public, max-age=60, must-revalidate`, or `public, max-age=86400` for an answer
        pinned to a published release (it never changes; citations keep the short one, they carry an access date):
        revalidate with `If-None-Match` and get a 304 until the release changes.

        **Errors** are `application/problem+json` (RFC 9457). A bad or repeated query parameter is a 400 whose
        `errors` object is keyed by the parameter name as sent; an unknown id is a 404 (410 for a figure withdrawn).
        Unknown query parameters are ignored.

        **Limits.** Generous for a newsroom CMS, and the same for everyone (defaults; an operator may change them):
        each client (IP address) may send a burst of 600 requests, then 20 per second; past that the answer is
        **429** with `Retry-After` (seconds). The service handles 64 requests at once and queues 512 more; past
        that, or when a request takes over 10 seconds, the answer is **503** with `Retry-After`. The request target
        (path and query) may be 8,192 characters (**414** past that) and the request headers 100 fields and 32,768
        characters in all (**431**). `pageSize` is at most 1000. Every limit answer is a problem like any other.
        HEAD works wherever GET does; any other method on those paths is a **405** problem with `Allow: GET, HEAD`.

        **AI assistants (MCP).** `POST /mcp` is a Model Context Protocol endpoint (streamable HTTP, stateless, JSON-RPC
        2.0), not an operation of this document. Its read-only tools (`search_figures`, `get_figure`, `get_quote_context`,
        `verify_claim`, `compare_figures`, `get_source`, `cite`) answer the figures of this API with the same qualifiers,
        bounds, quotes and citations, and its resources live under `indicators://`. A request from a browser origin the
        operator has not allowed is **403**; a body over 64 KiB is **413**; the per-client limit above applies (**429**);
        any method but POST is **405**.

        **Stability.** v1 only grows: new fields may appear (ignore keys you do not recognise); renaming or
        removing one needs /v2. Lists page with `page`/`pageSize` (1–1000, default 100); follow `links.next`,
        which is opaque.
        """;

    public static IServiceCollection AddIndicatorsOpenApi(this IServiceCollection services)
    {
        services.AddEndpointsApiExplorer();
        services.AddSwaggerGen(options =>
        {
            options.SwaggerDoc("v1", new OpenApiInfo
            {
                Title = "Indicators API",
                Version = "v1",
                Description = Description,
            });
            var xml = Path.Combine(AppContext.BaseDirectory, $"{Assembly.GetExecutingAssembly().GetName().Name}.xml");
            options.IncludeXmlComments(xml, includeControllerXmlComments: true);
            options.SupportNonNullableReferenceTypes();
            options.NonNullableReferenceTypesAsRequired();
            // A nullable reference property (counterpart) needs allOf to carry `nullable: true` in OpenAPI 3.0.
            options.UseAllOfToExtendReferenceSchemas();
            options.DocumentFilter<NullableReferences>();
            options.DocumentFilter<BinaryBodies>();
            options.OperationFilter<QueryParameterSchemas>();
            options.DocumentFilter<LimitResponses>();
            options.OperationFilter<ParameterLimits>();
            options.OperationFilter<FiltersInPathDocument>();
            options.OperationFilter<ParametersNotTakenDocument>();
            options.SchemaFilter<ResponseSchemas>();
            options.OperationFilter<CachingHeadersFilter>();
            options.OperationFilter<Pages.PageResponsesFilter>();
            options.OperationFilter<ReleaseParameters>();
            options.DocumentFilter<PublicReadOnlyDocument>();
            options.CustomSchemaIds(type => type.IsGenericType
                ? type.Name.Split('`')[0] + string.Concat(type.GetGenericArguments().Select(a => a.Name.Replace("Response", "")))
                : type.Name.Replace("Response", ""));
        });
        return services;
    }

    public static WebApplication UseIndicatorsOpenApi(this WebApplication app)
    {
        app.UseSwagger();
        app.UseSwaggerUI(options =>
        {
            options.SwaggerEndpoint("/swagger/v1/swagger.json", "Indicators API v1");
            options.DocumentTitle = "Indicators API";
        });
        return app;
    }
}

/// <summary>
/// Query values are bound as text so malformed ones reach the validators; this tells the document what
/// they really are (whole numbers with ranges, closed vocabularies) so clients and linters see the contract.
/// </summary>
internal sealed class QueryParameterSchemas : IOperationFilter
{
    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        foreach (var parameter in operation.Parameters?.OfType<OpenApiParameter>() ?? [])
        {
            if (parameter.In != ParameterLocation.Query)
            {
                continue;
            }

            parameter.Schema = parameter.Name switch
            {
                "page" => Integer(1, PagePosition.MaxPage, 1),
                "pageSize" => Integer(1, PagePosition.MaxPageSize, PagePosition.DefaultPageSize),
                "from" or "to" => Integer(-9999, 9999, null),
                "includeDerived" => Enumeration(["true", "false"]),
                "kind" => Enumeration(Vocabulary.Kinds),
                "qualifier" => Enumeration(Vocabulary.Qualifiers),
                "theme" => Enumeration(["light", "dark"]),
                "record" => Enumeration(Import.Validators.CorrectionRowValidator.Records),
                "style" => Enumeration(Citations.CitationStyles.All.Select(s => s.Name)),
                "width" or "height" => Integer(Charts.ChartSizeRequest.Min, Charts.ChartSizeRequest.Max,
                    parameter.Name == "width" ? Charts.ChartSizeRequest.DefaultWidth : Charts.ChartSizeRequest.DefaultHeight),
                "maxwidth" or "maxheight" => Integer(1, 100_000, null),
                "format" when context.ApiDescription.RelativePath == "oembed" => Enumeration(["json", "xml"]),
                _ => parameter.Schema,
            };
            FixExample(parameter);
        }
    }

    /// <summary>XML examples arrive as strings; an integer parameter needs an integer example.</summary>
    private static void FixExample(OpenApiParameter parameter)
    {
        if (parameter.Schema?.Type == JsonSchemaType.Integer && parameter.Example is System.Text.Json.Nodes.JsonValue value
            && value.TryGetValue<string>(out var text) && int.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, out var number))
        {
            parameter.Example = System.Text.Json.Nodes.JsonValue.Create(number);
        }
    }

    private static OpenApiSchema Integer(int minimum, int maximum, int? @default) => new()
    {
        Type = JsonSchemaType.Integer,
        Format = "int32",
        Minimum = minimum.ToString(System.Globalization.CultureInfo.InvariantCulture),
        Maximum = maximum.ToString(System.Globalization.CultureInfo.InvariantCulture),
        Default = @default is null ? null : System.Text.Json.Nodes.JsonValue.Create(@default.Value),
    };

    private static OpenApiSchema Enumeration(IEnumerable<string> values) => new()
    {
        Type = JsonSchemaType.String,
        Enum = values.Select(v => (System.Text.Json.Nodes.JsonNode)System.Text.Json.Nodes.JsonValue.Create(v)).ToList(),
    };
}

/// <summary>
/// Document-wide facts: the API is served from the same origin as the document, and each tag says what
/// it groups. It is public and read-only, so there is no security scheme (see redocly.yaml).
/// </summary>
internal sealed class PublicReadOnlyDocument : IDocumentFilter
{
    private static readonly (string Name, string Description)[] Tags =
    [
        ("Observations", "Figures as the sources state them, each with its qualifier, bounds, period and citation."),
        ("Indicators", "What figures measure (GDP, travel time, ...), with their usual unit."),
        ("Entities", "Who or what figures are about: countries, groups, the world, named projects."),
        ("Sources", "The source documents, their metadata and their full text for checking citations."),
        ("Releases", "Versions of the dataset: which data a response was read from, when each was published and what it changed, and why."),
        ("Citations", "How to cite a figure, a source or the dataset (APA, Chicago, BibTeX, RIS, CSL-JSON)."),
        ("Charts", "An indicator's figures drawn as SVG or PNG."),
        ("Embeds", "Pages to embed in an iframe, and oEmbed for CMSs that discover them."),
        ("Pages", "HTML pages for people (text/html; errors too are pages for a browser): home, indicators, figures, search and sources."),
        ("Index", "Where everything is: links to every collection, the release, the OpenAPI document."),
        ("SDMX", "SDMX 2.1 REST: the dataflow, its structure and codelists, and the figures as SDMX-ML and SDMX-CSV. Errors are SDMX error messages."),
        ("Data Package", "The whole dataset as a Frictionless Data Package: the API's CSVs with their Table Schemas."),
        ("Catalogue", "A DCAT-AP 3 catalogue of the dataset and its distributions, for harvesters."),
    ];

    public void Apply(OpenApiDocument document, DocumentFilterContext context)
    {
        document.Servers =
        [
            new OpenApiServer
            {
                Url = "/",
                Description = "This service, production (same origin as the document)",
                Extensions = new Dictionary<string, IOpenApiExtension> { ["x-internal"] = new JsonNodeExtension(false) },
            },
        ];
        document.Tags = new HashSet<OpenApiTag>(Tags.Select(t => new OpenApiTag { Name = t.Name, Description = t.Description }));
    }
}
