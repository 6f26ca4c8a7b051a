using System.Security.Cryptography;
using System.Text;
using Indicators.Api.Charts;
using Indicators.Api.Data;
using Indicators.Api.Http;
using Indicators.Api.Observations;
using Indicators.Api.Pages;
using Indicators.Api.Sources;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Indicators.Api.Embeds;

/// <summary>
/// A chart page for an iframe: the SVG inline, the citation under it and links back, in one response
/// with no script, font or request to anyone else. Any site may frame it (frame-ancestors *, and no
/// X-Frame-Options); nothing else is allowed to load.
/// </summary>
internal static class EmbedPage
{
    /// <summary>Room under the chart for the citation lines, taken from the asked-for height.</summary>
    public const int CaptionHeight = 64;

    private static readonly string Style = """
        html,body{margin:0;background:#fff;color:#222;font:13px/1.35 "DejaVu Sans",Arial,Helvetica,sans-serif}
        figure{margin:0}
        figcaption{padding:4px 8px}
        figcaption p{margin:2px 0}
        a{color:#2b6cb0}
        """ + ResponsiveChart.Css;

    private static readonly string ContentSecurityPolicy =
        $"default-src 'none'; style-src 'sha256-{Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(Style)))}'; " +
        "img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors *";

    public static WebApplication MapEmbeds(this WebApplication app)
    {
        app.MapGet("/embed/indicators/{code}", Render)
            .WithName("EmbedIndicatorChart").WithSummary("An indicator's chart as a page to embed in an iframe").WithTags("Embeds")
            .WithDescription("Self-contained HTML (inline SVG, no scripts or fonts from elsewhere) that any site may frame; width and height size the whole frame. Takes the observation filters. Its oEmbed is at /oembed.")
            .DoesNotTake("indicator", "cursor", "q")
            .Validate<ListObservationsRequest>()
            .Validate<ChartSizeRequest>()
            .Produces<string>(StatusCodes.Status200OK, "text/html");
        app.MapOEmbed();
        return app;
    }

    /// <param name="code" example="share-of-world-gdp">The indicator code.</param>
    internal static async Task<Results<ContentHttpResult, ProblemHttpResult>> Render(
        string code, [AsParameters] ListObservationsRequest request, [AsParameters] ChartSizeRequest size,
        IndicatorsDatabase database, PublicUrls urls, HttpContext context, CancellationToken cancellationToken)
    {
        var chart = await ChartData.ReadAsync(code, request, database, urls, context.Request, cancellationToken);
        if (chart is null)
        {
            return ChartEndpoints.NotFound(code);
        }

        var (model, sources) = chart.Value;
        var width = size.WidthPixels;
        var chartHeight = Math.Max(ChartSizeRequest.Min, size.HeightPixels - CaptionHeight);
        // Drawn for each width the frame may have, since a page that frames it at width:100% decides.
        // The source and data links are in the caption, as links, so the drawing leaves them out.
        var svg = ResponsiveChart.Markup(model, width, chartHeight, ChartTheme.Light, sourceAndData: false);

        var baseUrl = urls.Base(context.Request);
        context.Response.Headers.ContentSecurityPolicy = ContentSecurityPolicy;
        context.Response.Headers.XContentTypeOptions = "nosniff";
        return TypedResults.Content(Html(model, sources, svg, baseUrl, code, urls.Self(context.Request)), "text/html; charset=utf-8");
    }

    private static string Html(ChartModel model, IReadOnlyList<SourceRow> sources, string svg, string baseUrl, string code, string self)
    {
        var e = HighlightedText.Encoder;
        var oembed = $"{baseUrl}/oembed?url={Uri.EscapeDataString(self)}&format=json";
        var html = new StringBuilder()
            .Append("<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
            .Append("<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">")
            .Append("<title>").Append(e.Encode(model.Title)).Append("</title>")
            .Append("<link rel=\"alternate\" type=\"application/json+oembed\" href=\"").Append(e.Encode(oembed))
            .Append("\" title=\"").Append(e.Encode(model.Title)).Append("\">")
            .Append("<style>").Append(Style).Append("</style></head><body>\n<figure>\n")
            .Append(svg)
            .Append("\n<figcaption>\n<p class=\"citation\">Source: ");
        var cited = sources.Select(s =>
            $"<a href=\"{e.Encode($"{baseUrl}/sources/{s.Id}")}\" target=\"_blank\" rel=\"noopener\">{e.Encode(s.Title)}</a>"
            + e.Encode(Byline(s))).ToList();
        html.Append(cited.Count == 0 ? "none (no figures match)" : string.Join("; ", cited)).Append(".</p>\n")
            .Append("<p class=\"data\">Figures quoted to the sentence · <a href=\"")
            .Append(e.Encode(model.DataUrl)).Append("\" target=\"_blank\" rel=\"noopener\">data</a> · <a href=\"")
            .Append(e.Encode(model.CsvUrl)).Append("\" target=\"_blank\" rel=\"noopener\">CSV</a></p>\n")
            .Append("</figcaption>\n</figure>\n</body></html>\n");
        return html.ToString();
    }

    /// <summary>", Jiang Zaidong, 2024-09-10": only what the source gives.</summary>
    private static string Byline(SourceRow source)
    {
        var parts = new[] { source.Author, source.PublishedOn }.OfType<string>().ToList();
        return parts.Count == 0 ? "" : ", " + string.Join(", ", parts);
    }
}
