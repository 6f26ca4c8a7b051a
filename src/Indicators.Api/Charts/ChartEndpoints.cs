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
        page or pageSize is given; a narrow chart draws as many as it has room for and says so). Each bar is
        labelled with the figure in the source's words ("more than 40%", "within 4 hours", "as high as 80%") and
        drawn to claim no more than they do: a lower bound fades out upward to an arrow, with no top; an upper
        bound is capped at its value and fades out downward; an approximate figure has a soft top; targets,
        plans and work under construction are hatched with a dashed outline. Figures in another unit than the
        indicator's are named under the chart, not drawn on its axis. The chart is laid out for the width asked
        for (text at least 12 px there): ask for the width it is shown at. Filters that match nothing give a
        chart saying so, naming them, with status 200.
        """;

    // Server-rendered charts hold no script; forbid any, should one ever slip into a label.
    private const string SvgPolicy = "default-src 'none'; style-src 'unsafe-inline'";

    public static RouteGroupBuilder MapCharts(this RouteGroupBuilder v1)
    {
        v1.MapGet("/indicators/{code}/chart.svg", ChartSvg)
            .WithName("GetIndicatorChartSvg").WithSummary("Chart an indicator as SVG").WithTags("Charts")
            .WithDescription(Description + " The SVG has role img, a <title> and a <desc> (chart type, number of figures, their range, then each figure); every bar is a group with data-observation and data-qualifier attributes.")
            .DoesNotTake("indicator", "cursor", "q")
            .Validate<ListObservationsRequest>()
            .Validate<ChartSizeRequest>()
            .Validate<ChartThemeRequest>()
            .Produces<string>(StatusCodes.Status200OK, "image/svg+xml");

        v1.MapGet("/indicators/{code}/chart.png", ChartPng)
            .WithName("GetIndicatorChartPng").WithSummary("Chart an indicator as PNG").WithTags("Charts")
            .WithDescription(Description + " The PNG is the SVG rasterised, at the asked width in pixels.")
            .DoesNotTake("indicator", "cursor", "q")
            .Validate<ListObservationsRequest>()
            .Validate<ChartSizeRequest>()
            .Validate<ChartThemeRequest>()
            .Produces<byte[]>(StatusCodes.Status200OK, "image/png");

        return v1;
    }

    /// <param name="code" example="share-of-world-gdp">The indicator code.</param>
    internal static async Task<Results<ContentHttpResult, ProblemHttpResult>> ChartSvg(
        string code, [AsParameters] ListObservationsRequest request, [AsParameters] ChartSizeRequest size,
        [AsParameters] ChartThemeRequest theme, IndicatorsDatabase database, PublicUrls urls, HttpContext context, CancellationToken cancellationToken)
    {
        var chart = await ChartData.ReadAsync(code, request, database, urls, context.Request, cancellationToken);
        if (chart is null)
        {
            return NotFound(code);
        }

        context.Response.Headers.ContentSecurityPolicy = SvgPolicy;
        context.Response.Headers.XContentTypeOptions = "nosniff";
        return TypedResults.Content(
            ChartRenderer.Svg(chart.Value.Model, size.WidthPixels, size.HeightOrFit, theme.ChartTheme), "image/svg+xml; charset=utf-8");
    }

    /// <param name="code" example="share-of-world-gdp">The indicator code.</param>
    internal static async Task<Results<FileContentHttpResult, ProblemHttpResult>> ChartPng(
        string code, [AsParameters] ListObservationsRequest request, [AsParameters] ChartSizeRequest size,
        [AsParameters] ChartThemeRequest theme, IndicatorsDatabase database, PublicUrls urls, HttpContext context, CancellationToken cancellationToken)
    {
        var chart = await ChartData.ReadAsync(code, request, database, urls, context.Request, cancellationToken);
        if (chart is null)
        {
            return NotFound(code);
        }

        context.Response.Headers.XContentTypeOptions = "nosniff";
        return TypedResults.File(ChartRenderer.Png(chart.Value.Model, size.WidthPixels, size.HeightOrFit, theme.ChartTheme), "image/png");
    }

    internal static ProblemHttpResult NotFound(string code) =>
        Problems.NotFound($"There is no indicator '{code}'. See /v1/indicators for the list.");
}
