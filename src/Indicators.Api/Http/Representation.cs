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

    public static string Of(HttpRequest request) =>
        request.Path.StartsWithSegments("/sdmx", StringComparison.OrdinalIgnoreCase)
            ? global::Indicators.Api.Sdmx.SdmxFormats.RepresentationOf(request)
            : global::Indicators.Api.Csv.ResponseFormats.PrefersCsv(request) ? Csv : Json;
}
