using Indicators.Api.Data;
using Indicators.Api.Http;

namespace Indicators.Api.Pages;

/// <summary>
/// Every link a page writes, built here and nowhere else: page links, the API twins (JSON, CSV, charts,
/// citations) and the absolute forms canonical and Open Graph tags need. One place, so that carrying a pinned
/// release into every link is a change to <see cref="Href"/> alone.
/// </summary>
public sealed class SiteLinks(string baseUrl)
{
    /// <summary>The public base URL (scheme, host, path base), for absolute links.</summary>
    public string Base { get; } = baseUrl;

    public string Home => Href("/");

    public string Indicator(string code) => Href($"/indicators/{Segment(code)}");

    public string Observation(string id) => Href($"/observations/{Segment(id)}");

    public string Source(string id) => Href($"/sources/{Segment(id)}");

    /// <summary>The highlighted place of a figure's quote in its source page.</summary>
    public string Quote(string sourceId, string observationId) => Source(sourceId) + "#" + Anchor(observationId);

    public string Search(IEnumerable<KeyValuePair<string, string?>>? query = null) => Href("/search", query);

    public string Embed(string code, IEnumerable<KeyValuePair<string, string?>>? query = null) =>
        Href($"/embed/indicators/{Segment(code)}", query);

    /// <summary>An API URL (under /v1) with an optional query; null values are left out.</summary>
    public string Api(string path, IEnumerable<KeyValuePair<string, string?>>? query = null) => Href("/v1" + path, query);

    public string Chart(string code, string extension, int width, int height, IEnumerable<KeyValuePair<string, string?>>? filters = null) =>
        Api($"/indicators/{Segment(code)}/chart.{extension}", (filters ?? []).Concat(
        [
            new("width", width.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new("height", height.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        ]));

    /// <summary>The absolute form of a link this class built (canonical, og:url, og:image, copyable one-liners).</summary>
    public string Absolute(string href) => href.StartsWith('/') ? Base + href : href;

    /// <summary>The fragment id of a figure's quote in its source page.</summary>
    public static string Anchor(string observationId) => "obs-" + observationId;

    /// <summary>A site path with a query; every internal link passes through here.</summary>
    public string Href(string path, IEnumerable<KeyValuePair<string, string?>>? query = null)
    {
        var pairs = (query ?? []).Where(p => !string.IsNullOrEmpty(p.Value)).ToList();
        return pairs.Count == 0 ? path : path + QueryString.Create(pairs).ToUriComponent();
    }

    private static string Segment(string value) => Uri.EscapeDataString(value);
}

/// <summary>What every page of one request shares: its links, the release it reads, the request itself.</summary>
public sealed class PageContext(HttpContext http, SiteLinks links)
{
    public HttpContext Http { get; } = http;

    public SiteLinks Links { get; } = links;

    /// <summary>The release this request reads (the same one its X-Dataset-Release header names).</summary>
    public string? Release => DatasetRelease.Of(Http.Request);

    /// <summary>When the release was built.</summary>
    public DateTimeOffset? ReleaseBuiltAt => Http.Features.Get<ReleaseStamp>()?.BuiltAt;

    /// <summary>The request's own URL, absolute: the canonical link of a page that has no other.</summary>
    public string Self => Links.Base + Http.Request.Path.ToUriComponent() + Http.Request.QueryString.ToUriComponent();

    internal static PageContext For(HttpContext http) =>
        new(http, new SiteLinks(http.RequestServices.GetRequiredService<PublicUrls>().Base(http.Request)));
}
