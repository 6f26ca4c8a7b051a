using Indicators.Api.Data;
using Indicators.Api.Http;

namespace Indicators.Api.Sdmx;

/// <summary>
/// SDMX 2.1 REST (SDMX REST API 1.5): structure queries for the dataflow, its DSD, concepts and codelists, and data
/// queries for the figures, in SDMX-ML Generic, StructureSpecific or SDMX-CSV. Errors are SDMX-ML error messages,
/// as SDMX clients expect (404 no results, 400 syntax, 406, 501); /v1 keeps problem+json.
/// </summary>
internal static class SdmxEndpoints
{
    public const string Tag = "SDMX";
    private const string Base = "/sdmx/2.1";

    private const string StructureDescription = """
        An SDMX-ML 2.1 structure message (SDMX REST 1.5). agencyID may be INDICATORS or all, version 1.0, latest or all;
        `+` joins alternatives. The shorter forms of SDMX REST are served too (/sdmx/2.1/{resource}, .../{agencyID},
        .../{agencyID}/{resourceID}), and .../{version}/{itemID} for codelists and concept schemes. Errors are SDMX-ML
        error messages (404 no results, 400 syntax error, 406, 501 for the SDMX resources not implemented).
        """;

    /// <summary>The dataflow's reader (which keeps one summary per release) and the SDMX parameters' schemas.</summary>
    public static IServiceCollection AddSdmx(this IServiceCollection services)
    {
        services.AddSingleton<SdmxFlow>();
        services.ConfigureSwaggerGen(options => options.OperationFilter<SdmxOpenApi>());
        return services;
    }

    public static WebApplication MapSdmx(this WebApplication app)
    {
        var sdmx = app.MapGroup(Base).WithTags(Tag);

        Structure(sdmx.MapGet("/dataflow/{agencyID}/{resourceID}/{version}", Dataflow), "GetSdmxDataflow", "Get the SDMX dataflow",
            " The dataflow's annotations name every stated figure it leaves out and why (EXCLUDED_FIGURE).");
        Structure(sdmx.MapGet("/datastructure/{agencyID}/{resourceID}/{version}", DataStructure), "GetSdmxDataStructure", "Get the SDMX data structure definition",
            " With references=children: the DSD, its concept scheme and its codelists (the qualifier codelist has the seven qualifiers).");
        Structure(sdmx.MapGet("/codelist/{agencyID}/{resourceID}/{version}", Codelist), "GetSdmxCodelist", "Get an SDMX codelist", "");
        Structure(sdmx.MapGet("/conceptscheme/{agencyID}/{resourceID}/{version}", ConceptScheme), "GetSdmxConceptScheme", "Get the SDMX concept scheme", "");

        // The other forms SDMX REST allows, undocumented in OpenAPI (which has no optional path segments).
        foreach (var template in new[] { "/{resource}", "/{resource}/{agencyID}", "/{resource}/{agencyID}/{resourceID}", "/{resource}/{agencyID}/{resourceID}/{version}", "/{resource}/{agencyID}/{resourceID}/{version}/{itemID}" })
        {
            sdmx.MapGet(template, AnyStructure).ExcludeFromDescription();
        }

        Data(sdmx.MapGet("/data/{flowRef}/{key}", DataByKey), "GetSdmxData", "Get SDMX data",
            " key is `all` or one part per dimension, in order INDICATOR.REF_AREA.COUNTERPART_AREA.UNIT_MEASURE.VALUE_KIND (`gdp.china._Z..actual`): empty for any code, `+` between alternatives.");
        Data(sdmx.MapGet("/data/{flowRef}", DataOfFlow), "GetSdmxDataAll", "Get all SDMX data of the dataflow", " The same as the key `all`.");
        sdmx.MapGet("/data/{flowRef}/{key}/{providerRef}", DataByKeyAndProvider).ExcludeFromDescription();
        foreach (var resource in new[] { "schema", "metadata", "availableconstraint" })
        {
            sdmx.MapGet($"/{resource}/{{**rest}}", () => SdmxError.NotImplemented(
                $"'{resource}' queries are part of SDMX REST and not implemented here; this service answers structure queries and data.")).ExcludeFromDescription();
        }

        sdmx.MapGet("/data", () => SdmxError.Syntax("A data query names its dataflow: /sdmx/2.1/data/FIGURES/all.")).ExcludeFromDescription();
        // A handler the compile-time request delegate generator cannot see (RDG002: built at run time instead): the
        // generator drops MapFallback's pattern (https://github.com/dotnet/aspnetcore/issues/65992), and every path
        // would then fall back here.
        Delegate noSuchResource = (string? rest) => SdmxError.NoResults(
            $"'/sdmx/{SdmxText.Quote(rest ?? "")}' is not a resource of this service: SDMX 2.1 REST is at /sdmx/2.1 (dataflow, datastructure, codelist, conceptscheme, structure, data).");
#pragma warning disable RDG002
        app.MapFallback("/sdmx/{**rest}", noSuchResource).ExcludeFromDescription();
#pragma warning restore RDG002
        return app;
    }

    private static void Structure(RouteHandlerBuilder builder, string name, string summary, string extra) =>
        builder.WithName(name).WithSummary(summary).WithDescription(StructureDescription + extra)
            .Produces<string>(StatusCodes.Status200OK, SdmxFormats.StructureMediaType)
            .Errors();

    private static void Data(RouteHandlerBuilder builder, string name, string summary, string extra) =>
        builder.WithName(name).WithSummary(summary)
            .WithDescription($"""
                The figures as SDMX observations (SDMX REST 1.5), one per stated figure SDMX can hold: by Accept,
                SDMX-ML Generic data ({SdmxFormats.GenericMediaType}; also for application/xml or no preference),
                StructureSpecific data ({SdmxFormats.StructureSpecificMediaType}) or SDMX-CSV
                ({SdmxFormats.CsvMediaType}; also for text/csv), or by `format` for a browser. flowRef is FIGURES,
                INDICATORS,FIGURES or INDICATORS,FIGURES,1.0. startPeriod and endPeriod keep periods that overlap them.
                Nothing matching is a 404 SDMX error message (code 100); an Accept this service cannot answer is a 406; more
                than 20,000 matching observations is a 413 (code 510): narrow the key, or take the Data Package.
                """ + extra)
            .Produces<string>(StatusCodes.Status200OK, SdmxFormats.GenericMediaType, SdmxFormats.StructureSpecificMediaType, SdmxFormats.CsvMediaType)
            .Produces<string>(StatusCodes.Status413PayloadTooLarge, "application/xml")
            .Errors();

    private static RouteHandlerBuilder Errors(this RouteHandlerBuilder builder) =>
        builder.Produces<string>(StatusCodes.Status400BadRequest, "application/xml")
            .Produces<string>(StatusCodes.Status404NotFound, "application/xml")
            .Produces<string>(StatusCodes.Status406NotAcceptable, "application/xml")
            .Produces<string>(StatusCodes.Status501NotImplemented, "application/xml");

    /// <summary>The dataflow.</summary>
    /// <param name="agencyID" example="INDICATORS">The maintenance agency: INDICATORS or all.</param>
    /// <param name="resourceID" example="FIGURES">The dataflow id: FIGURES or all.</param>
    /// <param name="version" example="1.0">1.0, latest or all.</param>
    internal static Task<IResult> Dataflow(
        string agencyID, string resourceID, string version, [AsParameters] SdmxStructureRequest request, SdmxFlow flow, PublicUrls urls, HttpContext context) =>
        StructureAsync(SdmxArtefact.DataflowResource, agencyID, resourceID, version, null, request, flow, urls, context);

    /// <summary>The data structure definition.</summary>
    /// <param name="agencyID" example="INDICATORS">The maintenance agency: INDICATORS or all.</param>
    /// <param name="resourceID" example="DSD_FIGURES">The DSD id: DSD_FIGURES or all.</param>
    /// <param name="version" example="1.0">1.0, latest or all.</param>
    internal static Task<IResult> DataStructure(
        string agencyID, string resourceID, string version, [AsParameters] SdmxStructureRequest request, SdmxFlow flow, PublicUrls urls, HttpContext context) =>
        StructureAsync(SdmxArtefact.DataStructureResource, agencyID, resourceID, version, null, request, flow, urls, context);

    /// <summary>A codelist.</summary>
    /// <param name="agencyID" example="INDICATORS">The maintenance agency: INDICATORS or all.</param>
    /// <param name="resourceID" example="CL_VALUE_QUALIFIER">CL_INDICATOR, CL_AREA, CL_UNIT, CL_VALUE_KIND, CL_VALUE_QUALIFIER, CL_UNIT_MULT, CL_PERIOD_END or all.</param>
    /// <param name="version" example="1.0">1.0, latest or all.</param>
    internal static Task<IResult> Codelist(
        string agencyID, string resourceID, string version, [AsParameters] SdmxStructureRequest request, SdmxFlow flow, PublicUrls urls, HttpContext context) =>
        StructureAsync(SdmxArtefact.CodelistResource, agencyID, resourceID, version, null, request, flow, urls, context);

    /// <summary>The concept scheme.</summary>
    /// <param name="agencyID" example="INDICATORS">The maintenance agency: INDICATORS or all.</param>
    /// <param name="resourceID" example="CS_FIGURES">The concept scheme id: CS_FIGURES or all.</param>
    /// <param name="version" example="1.0">1.0, latest or all.</param>
    internal static Task<IResult> ConceptScheme(
        string agencyID, string resourceID, string version, [AsParameters] SdmxStructureRequest request, SdmxFlow flow, PublicUrls urls, HttpContext context) =>
        StructureAsync(SdmxArtefact.ConceptSchemeResource, agencyID, resourceID, version, null, request, flow, urls, context);

    internal static Task<IResult> AnyStructure(
        string resource, string? agencyID, string? resourceID, string? version, string? itemID, [AsParameters] SdmxStructureRequest request,
        SdmxFlow flow, PublicUrls urls, HttpContext context) =>
        resource == "data"
            ? Task.FromResult<IResult>(SdmxError.Syntax("A data query names its dataflow: /sdmx/2.1/data/FIGURES/all."))
            : StructureAsync(resource, agencyID, resourceID, version, itemID, request, flow, urls, context);

    private static async Task<IResult> StructureAsync(
        string resource, string? agencyId, string? resourceId, string? version, string? itemId, SdmxStructureRequest request,
        SdmxFlow flow, PublicUrls urls, HttpContext context)
    {
        var (artefacts, error) = SdmxStructureQueries.Resolve(resource, agencyId, resourceId, version, itemId, request, context.Request.Query);
        if (error is not null)
        {
            return error;
        }

        var (format, formatError) = SdmxFormats.Choose(context.Request);
        if (formatError is not null || format is null)
        {
            return formatError!;
        }

        var release = context.Features.Get<ReleaseStamp>()!;
        // The summary is read once per release and goes on when this request gives up (its time limit): the next one gets it.
        var summary = await flow.SummaryAsync(release).WaitAsync(context.RequestAborted);
        var header = SdmxHeader.For(release.Id, context.Request, release.BuiltAt, "structure");
        return new SdmxStructureResult(new SdmxStructureWriter(summary, urls.Base(context.Request)), header, artefacts!);
    }

    /// <summary>Data for a key.</summary>
    /// <param name="flowRef" example="FIGURES">The dataflow: FIGURES, INDICATORS,FIGURES or INDICATORS,FIGURES,1.0.</param>
    /// <param name="key" example="gdp.china._Z..actual">all, or INDICATOR.REF_AREA.COUNTERPART_AREA.UNIT_MEASURE.VALUE_KIND with empty parts for any code and + between alternatives.</param>
    internal static Task<IResult> DataByKey(
        string flowRef, string key, [AsParameters] SdmxDataRequest request, SdmxFlow flow, PublicUrls urls, HttpContext context, CancellationToken cancellationToken) =>
        DataAsync(flowRef, key, null, request, flow, urls, context, cancellationToken);

    /// <summary>All data of the dataflow.</summary>
    /// <param name="flowRef" example="FIGURES">The dataflow: FIGURES, INDICATORS,FIGURES or INDICATORS,FIGURES,1.0.</param>
    internal static Task<IResult> DataOfFlow(
        string flowRef, [AsParameters] SdmxDataRequest request, SdmxFlow flow, PublicUrls urls, HttpContext context, CancellationToken cancellationToken) =>
        DataAsync(flowRef, null, null, request, flow, urls, context, cancellationToken);

    internal static Task<IResult> DataByKeyAndProvider(
        string flowRef, string key, string providerRef, [AsParameters] SdmxDataRequest request, SdmxFlow flow, PublicUrls urls, HttpContext context,
        CancellationToken cancellationToken) =>
        DataAsync(flowRef, key, providerRef, request, flow, urls, context, cancellationToken);

    private static async Task<IResult> DataAsync(
        string flowRef, string? key, string? providerRef, SdmxDataRequest request, SdmxFlow flow, PublicUrls urls, HttpContext context,
        CancellationToken cancellationToken)
    {
        var (format, formatError) = SdmxFormats.Choose(context.Request);
        if (formatError is not null || format is null)
        {
            return formatError!;
        }

        var (query, error) = SdmxDataQueries.Parse(flowRef, key, providerRef, request, context.Request.Query);
        if (error is not null || query is null)
        {
            return error!;
        }

        var release = context.Features.Get<ReleaseStamp>()!;
        var summary = await flow.SummaryAsync(release).WaitAsync(cancellationToken);
        var figures = flow.FiguresAsync(summary, query.Narrowing(), urls.Base(context.Request), DatasetRelease.Of(context.Request), cancellationToken);
        var data = await SdmxDataSet.BuildAsync(figures, query, cancellationToken);
        if (data is null)
        {
            return SdmxError.TooLarge(
                $"More than {SdmxDataSet.MaxObservations:N0} observations match: narrow the key or the period, or take every figure from /datapackage.zip, which streams them.");
        }

        if (data.Series.Count == 0)
        {
            return SdmxError.NoResults("No observations match the query.");
        }

        var header = SdmxHeader.For(release.Id, context.Request, release.BuiltAt, format.Value.ToString());
        return new SdmxDataResult(format.Value, data, query.Detail, header);
    }
}

/// <summary>A structure message, written by <see cref="SdmxStructureWriter"/>.</summary>
internal sealed class SdmxStructureResult(SdmxStructureWriter writer, SdmxHeader header, IReadOnlyList<SdmxWritten> artefacts) : IResult
{
    public async Task ExecuteAsync(HttpContext httpContext)
    {
        httpContext.Response.ContentType = SdmxFormats.StructureMediaType;
        await using var xml = new BufferedXml(httpContext.Response.Body);
        writer.Write(xml.Writer, header, artefacts);
        await xml.FlushAsync(httpContext.RequestAborted, force: true);
    }
}
