using Microsoft.Net.Http.Headers;

namespace Indicators.Api.Http;

/// <summary>
/// Which paths answer HTML. Machine paths (the API under /v1, oEmbed, the OpenAPI document, health probes and
/// the protocol endpoints) always answer JSON, and problem+json errors. Every other path is a page for people:
/// its errors are an HTML page when the Accept header ranks text/html above JSON, problem+json otherwise; its
/// 200s are HTML unless the client ranks JSON above HTML (then a 406 problem names the JSON twin).
/// Wildcards count for neither side of a ranking: a browser's */* must not make JSON win, nor curl's make HTML win.
/// </summary>
internal static class HtmlNegotiation
{
    public const string HtmlMediaType = "text/html";

    private static readonly string[] MachinePrefixes = ["/v1", "/oembed", "/swagger", "/health", "/mcp", "/sdmx"];

    private static readonly string[] MachineFilePrefixes = ["/datapackage.", "/catalog."];

    /// <summary>A path that always answers JSON (and problem+json errors), whatever the Accept header.</summary>
    public static bool IsMachinePath(PathString path)
    {
        foreach (var prefix in MachinePrefixes)
        {
            if (path.StartsWithSegments(prefix, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        var value = path.Value ?? "";
        return MachineFilePrefixes.Any(p => value.StartsWith(p, StringComparison.OrdinalIgnoreCase)) || IsVersionSegment(value);
    }

    /// <summary>Any API version's path (/v1.0/..., /v2/...): the API, whose versions answer JSON even when unsupported.</summary>
    private static bool IsVersionSegment(string path)
    {
        var end = path.IndexOf('/', 1);
        var segment = end < 0 ? path.AsSpan(1) : path.AsSpan(1, end - 1);
        if (segment.Length < 2 || (segment[0] is not ('v' or 'V')))
        {
            return false;
        }

        var digits = segment[1..];
        var dot = digits.IndexOf('.');
        return dot < 0
            ? IsDigits(digits)
            : IsDigits(digits[..dot]) && IsDigits(digits[(dot + 1)..]);

        static bool IsDigits(ReadOnlySpan<char> s) => s.Length > 0 && !s.ContainsAnyExceptInRange('0', '9');
    }

    /// <summary>An error on this request is an HTML page: a page path, and Accept ranks text/html above JSON.</summary>
    public static bool PrefersHtml(HttpRequest request)
    {
        if (IsMachinePath(request.Path) || !TryParse(request, out var accepted))
        {
            return false;
        }

        var html = Quality(accepted, HtmlMediaType, "application/xhtml+xml");
        return html > 0 && html > Quality(accepted, "application/json", "application/problem+json");
    }

    /// <summary>
    /// A page can not be answered as HTML: the client does not accept HTML at all (Accept: application/json,
    /// text/csv ...) or ranks JSON above it. No Accept header, */* and text/* accept a page.
    /// </summary>
    public static bool RefusesHtml(HttpRequest request)
    {
        if (request.Headers.Accept.Count == 0)
        {
            return false;
        }

        if (!TryParse(request, out var accepted))
        {
            // An Accept header that does not parse asks for nothing in particular.
            return false;
        }

        var html = Quality(accepted, HtmlMediaType, "application/xhtml+xml", "text/*", "*/*");
        return html <= 0 || Quality(accepted, "application/json", "application/problem+json") > html;
    }

    private static bool TryParse(HttpRequest request, out IList<MediaTypeHeaderValue> accepted)
    {
        if (MediaTypeHeaderValue.TryParseList(request.Headers.Accept, out var parsed))
        {
            accepted = parsed;
            return true;
        }

        accepted = [];
        return false;
    }

    private static double Quality(IList<MediaTypeHeaderValue> accepted, params string[] mediaTypes)
    {
        var best = -1.0;
        foreach (var value in accepted)
        {
            foreach (var mediaType in mediaTypes)
            {
                if (value.MediaType.Equals(mediaType, StringComparison.OrdinalIgnoreCase))
                {
                    best = Math.Max(best, value.Quality ?? 1.0);
                }
            }
        }

        return best;
    }
}
