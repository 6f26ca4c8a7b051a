using Indicators.Api.Data;
using Indicators.Api.Http;
using Indicators.Api.Observations;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Indicators.Api.Charts;

/// <summary>Charts of an indicator, drawn on the server so they work in any page, feed or slide.</summary>
internal static class ChartEndpoints
{
    private const string Description = """
        A bar chart of the indicator's figures, with the same filters as its observations (the first 40 unless
        page or pageSize is given). Actuals are solid; targets and plans hatched with a dashed outline; a figure
        stated as a lower bound ("more than") has an open, faded top and is labelled "more than". Figures in
        another unit than the indicator's are listed under the chart, not drawn on its axis.
        """;

    // Server-rendered charts hold no script; forbid any, should one ever slip into a label.
    private const string SvgPolicy = "default-src 'none'; style-src 'unsafe-inline'";

    public static RouteGroupBuilder MapCharts(this RouteGroupBuilder v1)
    {
        v1.MapGet("/indicators/{code}/chart.svg", ChartSvg)
            .WithName("GetIndicatorChartSvg").WithSummary("Chart an indicator as SVG").WithTags("Charts")
            .WithDescription(Description + " The SVG has a <title> and <desc> for screen readers.")
            .DoesNotTake("indicator", "cursor", "q")
            .Validate<ListObservationsRequest>()
            .Validate<ChartSizeRequest>()
            .Produces<string>(StatusCodes.Status200OK, "image/svg+xml");

        v1.MapGet("/indicators/{code}/chart.png", ChartPng)
            .WithName("GetIndicatorChartPng").WithSummary("Chart an indicator as PNG").WithTags("Charts")
            .WithDescription(Description)
            .DoesNotTake("indicator", "cursor", "q")
            .Validate<ListObservationsRequest>()
            .Validate<ChartSizeRequest>()
            .Produces<byte[]>(StatusCodes.Status200OK, "image/png");

        return v1;
    }

    /// <param name="code" example="share-of-world-gdp">The indicator code.</param>
    internal static async Task<Results<ContentHttpResult, ProblemHttpResult>> ChartSvg(
        string code, [AsParameters] ListObservationsRequest request, [AsParameters] ChartSizeRequest size,
        IndicatorsDatabase database, PublicUrls urls, HttpContext context, CancellationToken cancellationToken)
    {
        var chart = await ChartData.ReadAsync(code, request, database, urls, context.Request, cancellationToken);
        if (chart is null)
        {
            return NotFound(code);
        }

        context.Response.Headers.ContentSecurityPolicy = SvgPolicy;
        context.Response.Headers.XContentTypeOptions = "nosniff";
        return TypedResults.Content(
            ChartRenderer.Svg(chart.Value.Model, size.WidthPixels, size.HeightPixels), "image/svg+xml; charset=utf-8");
    }

    /// <param name="code" example="share-of-world-gdp">The indicator code.</param>
    internal static async Task<Results<FileContentHttpResult, ProblemHttpResult>> ChartPng(
        string code, [AsParameters] ListObservationsRequest request, [AsParameters] ChartSizeRequest size,
        IndicatorsDatabase database, PublicUrls urls, HttpContext context, CancellationToken cancellationToken)
    {
        var chart = await ChartData.ReadAsync(code, request, database, urls, context.Request, cancellationToken);
        if (chart is null)
        {
            return NotFound(code);
        }

        context.Response.Headers.XContentTypeOptions = "nosniff";
        return TypedResults.File(ChartRenderer.Png(chart.Value.Model, size.WidthPixels, size.HeightPixels), "image/png");
    }

    internal static ProblemHttpResult NotFound(string code) =>
        Problems.NotFound($"There is no indicator '{code}'. See /v1/indicators for the list.");
}
