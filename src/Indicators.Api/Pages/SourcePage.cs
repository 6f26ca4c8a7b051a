using System.Security.Cryptography;
using System.Text;
using Indicators.Api.Observations;
using Indicators.Api.Data;
using Indicators.Api.Http;
using Indicators.Api.Sources;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Indicators.Api.Pages;

/// <summary>
/// The human page of a source (/sources/{id}): its text with every quoted figure highlighted and
/// anchored, where each observation's citation.page link lands. No scripts; the only style is inline and
/// allowed by its hash, so the Content-Security-Policy can forbid everything else.
/// </summary>
internal static class SourcePage
{
    private const string Style = """
        body{font:17px/1.6 Georgia,serif;max-width:42rem;margin:2rem auto;padding:0 1rem;color:#222;background:#fff}
        h1{font-size:1.6rem;line-height:1.25}
        .meta{color:#555;font-size:.95rem}
        .text{white-space:pre-wrap}
        mark{background:#fff1a8}
        mark[data-obs*=" "]{background:#ffe066}
        mark:target,mark:has(>span:target){background:#ffc933;outline:2px solid #c77c00}
        ol{font-size:.95rem}
        """;

    private static readonly string ContentSecurityPolicy =
        $"default-src 'none'; style-src 'sha256-{Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(Style)))}'; " +
        "base-uri 'none'; form-action 'none'";

    public static WebApplication MapSourcePages(this WebApplication app)
    {
        app.MapGet("/sources/{id}", Render)
            .WithName("SourcePage").WithSummary("Read a source with its quoted figures highlighted").WithTags("Pages")
            .WithDescription("An HTML page of the source's text; each quoted span is a <mark> with the anchor obs-{observation id}.")
            .Produces<string>(StatusCodes.Status200OK, "text/html")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    /// <param name="id" example="modernisation-in-china-and-pakistan">The source id.</param>
    internal static async Task<Results<ContentHttpResult, ProblemHttpResult>> Render(
        string id, IndicatorsDatabase database, HttpContext context, CancellationToken cancellationToken)
    {
        var release = DatasetRelease.Of(context.Request);
        await using var connection = await database.OpenAsync(cancellationToken);
        var source = await SourceQueries.FindAsync(connection, release, id, cancellationToken);
        var text = source is null ? null : await SourceQueries.TextAsync(connection, release, id, cancellationToken);
        if (source is null || text is null)
        {
            return Problems.NotFound($"There is no source '{id}'. See /v1/sources for the list.");
        }

        var spans = await ObservationQueries.SpansAsync(connection, release, id, cancellationToken);
        context.Response.Headers.ContentSecurityPolicy = ContentSecurityPolicy;
        context.Response.Headers.XContentTypeOptions = "nosniff";
        return TypedResults.Content(Html(source, text, spans), "text/html; charset=utf-8");
    }

    private static string Html(SourceRow source, string text, List<QuotedSpanRow> spans)
    {
        var e = HighlightedText.Encoder;
        var byline = string.Join(" · ", new[] { source.Author, source.PublishedOn, source.Publisher }.OfType<string>());
        var html = new StringBuilder()
            .Append("<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
            .Append("<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">")
            .Append("<title>").Append(e.Encode(source.Title)).Append("</title>")
            .Append("<style>").Append(Style).Append("</style></head><body>\n")
            .Append("<h1>").Append(e.Encode(source.Title)).Append("</h1>\n")
            .Append("<p class=\"meta\">").Append(e.Encode(byline.Length == 0 ? "No author or date given." : byline))
            .Append(" · <a href=\"/v1/sources/").Append(e.Encode(source.Id)).Append("\">metadata</a>")
            .Append(" · <a href=\"/v1/sources/").Append(e.Encode(source.Id)).Append("/text\">plain text</a>")
            .Append(" · <a href=\"/v1/observations.csv?source=").Append(e.Encode(source.Id)).Append("\">figures as CSV</a></p>\n")
            .Append("<div class=\"text\">")
            .Append(HighlightedText.Render(text, spans.Select(s => new QuotedSpan(s.ObservationId, (int)s.Start, (int)s.End)).ToList()))
            .Append("</div>\n<h2>Figures quoted from this text</h2>\n<ol>\n");
        foreach (var span in spans)
        {
            html.Append("<li><a href=\"#").Append(HighlightedText.Anchor(span.ObservationId)).Append("\">")
                .Append(e.Encode(span.ObservationId)).Append("</a> (<a href=\"/v1/observations/")
                .Append(e.Encode(span.ObservationId)).Append("\">data</a>)</li>\n");
        }

        return html.Append("</ol>\n<p class=\"meta\">This text remains its author's and publisher's: it is reproduced whole so that every quotation can be checked. The data licence (CC BY 4.0) covers the curated figures, not the text.</p>\n</body></html>\n").ToString();
    }
}
