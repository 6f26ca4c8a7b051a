using Indicators.Api.Charts;
using Indicators.Api.Data;
using Indicators.Api.Http;
using Indicators.Api.Observations;
using Indicators.Api.Sources;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;

namespace Indicators.Api.Pages;

/// <summary>
/// A chart page for an iframe: the SVG inline, the source line and links back, one response with no font or
/// request to anyone else. Any site may frame it (frame-ancestors *); its one script posts its height.
/// </summary>
internal static class EmbedEndpoint
{
    /// <summary>Room under the chart for the source line and links, taken from the asked-for height.</summary>
    public const int CaptionHeight = 64;

    /// <summary>Posts the page's height to the host (Datawrapper's message), so a host's listener can fit the frame.</summary>
    public const string HeightScript = """
        (()=>{const id=document.documentElement.dataset.embed;const post=()=>parent.postMessage({"datawrapper-height":{[id]:document.documentElement.scrollHeight}},"*");addEventListener("load",post);addEventListener("resize",post)})()
        """;

    /// <param name="code" example="share-of-world-gdp">The indicator code.</param>
    internal static async Task<Results<RazorComponentResult, ProblemHttpResult>> Render(
        string code, [AsParameters] ListObservationsRequest request, [AsParameters] ChartSizeRequest size,
        [AsParameters] EmbedThemeRequest theme, IndicatorsDatabase database, PublicUrls urls, HttpContext http,
        CancellationToken cancellationToken)
    {
        var chart = await ChartData.ReadAsync(code, request, database, urls, http.Request, cancellationToken);
        if (chart is null)
        {
            return ChartEndpoints.NotFound(code);
        }

        var (model, sources) = chart.Value;
        var width = size.WidthPixels;
        var chartHeight = Math.Max(ChartSizeRequest.Min, size.HeightPixels - CaptionHeight);
        // Drawn for each width the frame may have (a host sets it, often width:100%), each shown where it fits,
        // in the theme asked for; without one, light drawings on a light panel in either colour scheme.
        var chartTheme = theme.Theme == "dark" ? ChartTheme.Dark : ChartTheme.Light;
        var svg = ResponsiveChart.Markup(model, width, chartHeight, chartTheme, sourceAndData: false);

        var site = PageContext.For(http);
        var links = site.Links;
        var filters = PageQueries.Query(request);
        var list = await PageQueries.ListAsync(http, request with { PageSize = request.PageSize ?? ChartData.MaxBars }, code, cancellationToken);
        var figures = PageQueries.Views(list.Items, sources.ToDictionary(s => s.Id));
        var filterWords = filters.Count == 0 ? null : string.Join(", ", filters.Select(f => $"{f.Key} = {f.Value}"));
        var self = links.Absolute(links.Embed(code, filters.Concat(
        [
            new("width", size.Width), new("height", size.Height), new("theme", theme.Theme),
        ])));
        var headers = http.Response.Headers;
        headers.ContentSecurityPolicy = $"default-src 'none'; style-src {PageAssets.Hash(EmbedPage.Style)}; script-src {PageAssets.Hash(HeightScript)}; " +
            "img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors *";
        var oembed = links.Absolute(links.Href("/oembed", [new("url", self), new("format", "json")]));
        var json = links.Absolute(links.Api($"/indicators/{Uri.EscapeDataString(code)}/observations", filters));
        var csv = links.Absolute(links.Api($"/indicators/{Uri.EscapeDataString(code)}/observations.csv", filters.Where(f => f.Key is not ("page" or "pageSize" or "cursor"))));
        headers.Append(HeaderNames.Link, $"<{links.Absolute(links.Indicator(code))}>; rel=\"canonical\", <{oembed}>; rel=\"alternate\"; type=\"application/json+oembed\", " +
            $"<{json}>; rel=\"alternate\"; type=\"application/json\", <{csv}>; rel=\"alternate\"; type=\"text/csv\"");
        return new RazorComponentResult<EmbedPage>(new Dictionary<string, object?>
        {
            [nameof(EmbedPage.Site)] = site,
            [nameof(EmbedPage.Code)] = code,
            [nameof(EmbedPage.Title)] = model.Title,
            [nameof(EmbedPage.Svg)] = svg,
            [nameof(EmbedPage.Theme)] = theme.Theme,
            [nameof(EmbedPage.Filters)] = filters,
            [nameof(EmbedPage.FilterWords)] = filterWords,
            [nameof(EmbedPage.Alt)] = ChartWords.Alt(model.Title, figures, filterWords),
            [nameof(EmbedPage.Sources)] = sources.Select(SourceView.From).ToList(),
            [nameof(EmbedPage.OEmbedHref)] = oembed,
            [nameof(EmbedPage.JsonHref)] = json,
            [nameof(EmbedPage.CsvHref)] = csv,
            [nameof(EmbedPage.Empty)] = model.Bars.Count == 0,
        })
        { ContentType = "text/html; charset=utf-8" };
    }
}
