using Indicators.Api.Entities;
using Indicators.Api.Http;
using Indicators.Api.Indicators;
using Indicators.Api.Observations;
using Indicators.Api.Sources;

namespace Indicators.Api.Csv;

/// <summary>
/// The .csv URL forms of the lists, for tools that take only a link (Datawrapper's and Flourish's
/// "link external dataset", Excel, pandas.read_csv). They run the JSON handlers and filters unchanged.
/// </summary>
internal static class CsvRoutes
{
    private const string Description = """
        The same list as the JSON route, with the same filters, as RFC 4180 CSV (UTF-8, header row). Without
        page, pageSize or cursor it holds every matching row, not the first page.
        """;

    public static RouteGroupBuilder MapCsvForms(this RouteGroupBuilder v1)
    {
        v1.MapGet("/observations.csv", ObservationEndpoints.ListObservations)
            .WithName("ListObservationsCsv").WithSummary("List observations as CSV").WithTags("Observations")
            .WithDescription(Description)
            .Validate<ListObservationsRequest>()
            .AnswersOnlyCsv("observations");

        v1.MapGet("/indicators.csv", IndicatorEndpoints.ListIndicators)
            .WithName("ListIndicatorsCsv").WithSummary("List indicators as CSV").WithTags("Indicators")
            .WithDescription(Description)
            .Validate<ListRequest>()
            .AnswersOnlyCsv("indicators");

        v1.MapGet("/indicators/{code}/observations.csv", IndicatorEndpoints.ListIndicatorObservations)
            .WithName("ListIndicatorObservationsCsv").WithSummary("List one indicator's observations as CSV").WithTags("Indicators")
            .WithDescription(Description)
            .WithMetadata(IndicatorEndpoints.IndicatorInPath)
            .Validate<ListObservationsRequest>()
            .AnswersOnlyCsv("observations");

        v1.MapGet("/entities.csv", EntityEndpoints.ListEntities)
            .WithName("ListEntitiesCsv").WithSummary("List entities as CSV").WithTags("Entities")
            .WithDescription(Description)
            .Validate<ListRequest>()
            .AnswersOnlyCsv("entities");

        v1.MapGet("/sources.csv", SourceEndpoints.ListSources)
            .WithName("ListSourcesCsv").WithSummary("List sources as CSV").WithTags("Sources")
            .WithDescription(Description)
            .Validate<ListRequest>()
            .AnswersOnlyCsv("sources");

        return v1;
    }
}
