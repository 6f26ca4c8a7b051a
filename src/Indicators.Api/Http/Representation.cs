namespace Indicators.Api.Http;

/// <summary>
/// Which representation a request will be answered in, as a short key. The ETag and the response cache both
/// key on it, so two representations of one URL never share a validator or a cache entry. It is the
/// representation chosen, not the raw Accept header: clients that send different Accept strings for the same
/// bytes (curl's */*, none at all) share one entry, or a 304 would never be possible. Every negotiated format
/// adds its case here, and only here.
/// </summary>
internal static class Representation
{
    public const string Json = "json";
    public const string Csv = "csv";

    /// <summary>A page (every path outside the machine paths, see <see cref="HtmlNegotiation"/>) as HTML.</summary>
    public const string Html = "html";

    /// <summary>A page URL asked for by a client that will not take HTML: a 406 problem+json.</summary>
    public const string Problem = "problem";

    public static string Of(HttpRequest request)
    {
        if (!HtmlNegotiation.IsMachinePath(request.Path))
        {
            return HtmlNegotiation.RefusesHtml(request) ? Problem : Html;
        }

        if (request.Path.StartsWithSegments("/sdmx", StringComparison.OrdinalIgnoreCase))
        {
            return global::Indicators.Api.Sdmx.SdmxFormats.RepresentationOf(request);
        }

        return global::Indicators.Api.Csv.ResponseFormats.PrefersCsv(request) ? Csv : Json;
    }
}
