using System.Text.Json.Serialization;
using FluentValidation;
using Indicators.Api.Charts;
using Indicators.Api.Data;
using Indicators.Api.Http;
using Indicators.Api.Indicators;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.WebUtilities;

namespace Indicators.Api.Embeds;

/// <summary>An oEmbed request (oembed.com, section 2.2).</summary>
internal sealed record OEmbedRequest
{
    /// <summary>The embed page's URL, e.g. https://host/embed/indicators/share-of-world-gdp.</summary>
    /// <example>http://127.0.0.1:5000/embed/indicators/share-of-world-gdp</example>
    [FromQuery(Name = "url")] public string? Url { get; init; }

    /// <summary>json (the default); xml is not offered.</summary>
    /// <example>json</example>
    [FromQuery(Name = "format")] public string? Format { get; init; }

    /// <summary>The most pixels of width the consumer has room for.</summary>
    /// <example>640</example>
    [FromQuery(Name = "maxwidth")] public string? MaxWidth { get; init; }

    /// <summary>The most pixels of height the consumer has room for.</summary>
    /// <example>480</example>
    [FromQuery(Name = "maxheight")] public string? MaxHeight { get; init; }
}

internal sealed class OEmbedRequestValidator : AbstractValidator<OEmbedRequest>
{
    public OEmbedRequestValidator()
    {
        RuleFor(r => r.Url).Must(v => !string.IsNullOrWhiteSpace(v))
            .WithMessage("'url' is required: the URL of an embed page, e.g. /embed/indicators/share-of-world-gdp.")
            .Must(v => v is null || Uri.TryCreate(v, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https")
            .WithMessage((_, v) => $"'url' must be an absolute http(s) URL; got '{v}'.");
        RuleFor(r => r.Format).Must(v => v is null or "json" or "xml")
            .WithMessage((_, v) => $"'format' must be json; got '{v}'.");
        RuleFor(r => r.MaxWidth).Must(v => v is null || QueryText.IsWholeNumberBetween(v, 1, 100_000))
            .WithMessage((_, v) => $"'maxwidth' must be a whole number of pixels; got '{v}'.");
        RuleFor(r => r.MaxHeight).Must(v => v is null || QueryText.IsWholeNumberBetween(v, 1, 100_000))
            .WithMessage((_, v) => $"'maxheight' must be a whole number of pixels; got '{v}'.");
    }
}

/// <summary>The oEmbed "rich" response: an iframe of the embed page.</summary>
internal sealed record OEmbedResponse
{
    /// <summary>Always "rich": an HTML snippet, here an iframe.</summary>
    /// <example>rich</example>
    [JsonPropertyName("type")] public string Type { get; init; } = "rich";

    /// <summary>The oEmbed version, "1.0".</summary>
    /// <example>1.0</example>
    [JsonPropertyName("version")] public string Version { get; init; } = "1.0";

    /// <summary>The chart's title.</summary>
    /// <example>Share of world GDP: Global South</example>
    [JsonPropertyName("title")] public required string Title { get; init; }

    /// <summary>Who provides the embed: this service.</summary>
    /// <example>Indicators</example>
    [JsonPropertyName("provider_name")] public string ProviderName { get; init; } = "Indicators";

    /// <summary>The provider's home URL.</summary>
    /// <example>http://127.0.0.1:5000/</example>
    [JsonPropertyName("provider_url")] public required string ProviderUrl { get; init; }

    /// <summary>The iframe to paste into the page: as wide as its column up to width, and height tall.</summary>
    /// <example>&lt;iframe src="http://127.0.0.1:5000/embed/indicators/share-of-world-gdp?width=640&amp;height=480" width="640" height="480" style="border:0;width:100%;max-width:640px"&gt;&lt;/iframe&gt;</example>
    [JsonPropertyName("html")] public required string Html { get; init; }

    /// <summary>The iframe's greatest width in pixels, within maxwidth; in a narrower column it takes the column's width.</summary>
    /// <example>640</example>
    [JsonPropertyName("width")] public required int Width { get; init; }

    /// <summary>The iframe's height in pixels, within maxheight.</summary>
    /// <example>480</example>
    [JsonPropertyName("height")] public required int Height { get; init; }
}

/// <summary>
/// oEmbed, so pasting an embed URL into a CMS that speaks it (WordPress, Ghost, Medium via Embedly) turns
/// into the chart. Only this service's own embed pages are answered.
/// </summary>
internal static class OEmbed
{
    private const string EmbedPath = "/embed/indicators/";

    public static void MapOEmbed(this WebApplication app) =>
        app.MapGet("/oembed", Answer)
            .WithName("OEmbed").WithSummary("oEmbed for embed pages").WithTags("Embeds")
            .WithDescription("The oEmbed (type rich) of a /embed/indicators/{code} URL: an iframe sized within maxwidth and maxheight.")
            .Validate<OEmbedRequest>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status501NotImplemented);

    internal static async Task<Results<Ok<OEmbedResponse>, ProblemHttpResult>> Answer(
        [AsParameters] OEmbedRequest request, KnownCodes codes, IndicatorsDatabase database, PublicUrls urls, HttpContext context,
        CancellationToken cancellationToken)
    {
        if (request.Format == "xml")
        {
            // The status oEmbed prescribes for a format the provider does not offer.
            return TypedResults.Problem(
                title: "Not implemented", detail: "Only format=json is offered.", statusCode: StatusCodes.Status501NotImplemented);
        }

        var baseUrl = urls.Base(context.Request);
        var url = new Uri(request.Url!);
        var code = url.AbsolutePath.StartsWith(EmbedPath, StringComparison.Ordinal) ? Uri.UnescapeDataString(url.AbsolutePath[EmbedPath.Length..]) : null;
        if (!url.GetLeftPart(UriPartial.Authority).Equals(new Uri(baseUrl).GetLeftPart(UriPartial.Authority), StringComparison.OrdinalIgnoreCase)
            || code is null || !codes.IsIndicator(DatasetRelease.Of(context.Request), code))
        {
            return Problems.NotFound($"'{request.Url}' is not an embed page of this service (expected {baseUrl}{EmbedPath}{{indicator}}).");
        }

        var query = QueryHelpers.ParseQuery(url.Query);
        var width = Fit(Asked(query, "width") ?? ChartSizeRequest.DefaultWidth, request.MaxWidth);
        var height = Fit(Asked(query, "height") ?? ChartSizeRequest.DefaultHeight, request.MaxHeight);
        query["width"] = width.ToString(System.Globalization.CultureInfo.InvariantCulture);
        query["height"] = height.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var src = $"{baseUrl}{EmbedPath}{Uri.EscapeDataString(code)}{QueryString.Create(query)}";
        await using var connection = await database.OpenAsync(cancellationToken);
        var title = (await IndicatorQueries.FindAsync(connection, DatasetRelease.Of(context.Request), code, cancellationToken))?.Name ?? code;
        var e = Pages.HighlightedText.Encoder;
        return TypedResults.Ok(new OEmbedResponse
        {
            Title = title,
            ProviderUrl = baseUrl,
            // A plain iframe (no script) that fits any column: as wide as the column up to its width, never
            // wider; the embed page draws its chart for whatever width that turns out to be.
            Html = $"<iframe src=\"{e.Encode(src)}\" width=\"{width}\" height=\"{height}\" style=\"border:0;width:100%;max-width:{width}px\" title=\"{e.Encode(title)}\" loading=\"lazy\"></iframe>",
            Width = width,
            Height = height,
        });
    }

    private static int? Asked(Dictionary<string, Microsoft.Extensions.Primitives.StringValues> query, string name) =>
        query.TryGetValue(name, out var value) && QueryText.IsWholeNumberBetween(value.ToString(), ChartSizeRequest.Min, ChartSizeRequest.Max)
            ? QueryText.ParseInt(value.ToString())
            : null;

    /// <summary>Within the consumer's maximum, but never below the smallest chart that stays legible.</summary>
    private static int Fit(int wanted, string? max) =>
        Math.Max(ChartSizeRequest.Min, Math.Min(wanted, QueryText.ParseOptionalInt(max) ?? int.MaxValue));
}
