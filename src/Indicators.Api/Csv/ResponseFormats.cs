using Microsoft.Net.Http.Headers;

namespace Indicators.Api.Csv;

/// <summary>
/// Decides between JSON and CSV for a list. A plain link cannot set headers, so besides content
/// negotiation (Accept: text/csv) a client can ask with format=csv or a .csv URL.
/// </summary>
internal static class ResponseFormats
{
    public const string FormatParameter = "format";
    public const string CsvMediaType = "text/csv";

    /// <summary>Paging parameters: when a CSV request names one, it gets that page instead of every row.</summary>
    private static readonly string[] PagingParameters = ["page", "pageSize", "cursor"];

    /// <summary>Whether the request wants CSV, or why its <c>format</c> parameter is unusable.</summary>
    public static (bool Csv, string? Error) Choose(HttpRequest request, bool csvUrl)
    {
        if (request.Query.TryGetValue(FormatParameter, out var values))
        {
            if (values.Count > 1)
            {
                return (false, $"'{FormatParameter}' was given {values.Count} times; give it once.");
            }

            var format = values[0];
            if (csvUrl && !string.Equals(format, "csv", StringComparison.OrdinalIgnoreCase))
            {
                return (false, $"A .csv URL always answers CSV: leave out '{FormatParameter}' or give 'csv'; got '{format}'.");
            }

            if (string.Equals(format, "csv", StringComparison.OrdinalIgnoreCase))
            {
                return (true, null);
            }

            if (string.Equals(format, "json", StringComparison.OrdinalIgnoreCase))
            {
                return (false, null);
            }

            return (false, $"'{FormatParameter}' must be json or csv; got '{format}'.");
        }

        return (csvUrl || PrefersCsv(request), null);
    }

    public static bool AsksForPage(HttpRequest request) => PagingParameters.Any(request.Query.ContainsKey);

    /// <summary>
    /// CSV when the Accept header ranks text/csv above JSON. Wildcards (*/*, as browsers send) do not count
    /// for JSON's side, or every browser link would become ambiguous; JSON stays the default.
    /// </summary>
    public static bool PrefersCsv(HttpRequest request)
    {
        if (!MediaTypeHeaderValue.TryParseList(request.Headers.Accept, out var accepted))
        {
            return false;
        }

        double Quality(string mediaType) => accepted
            .Where(a => a.MediaType.Equals(mediaType, StringComparison.OrdinalIgnoreCase))
            .Select(a => a.Quality ?? 1.0)
            .DefaultIfEmpty(-1)
            .Max();

        var csv = Quality(CsvMediaType);
        return csv > 0 && csv > Quality("application/json");
    }
}
