using Indicators.Api.Data;
using Indicators.Api.Http;

namespace Indicators.Api.Pages;

/// <summary>
/// Every link a page writes, built here and nowhere else: page links, the API twins (JSON, CSV, charts,
/// citations) and the absolute forms canonical and Open Graph tags need. One place, so that carrying a pinned
/// release into every link is a change to <see cref="Href"/> alone.
/// </summary>
public sealed class SiteLinks(string baseUrl, string? pinnedRelease = null)
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

    /// <summary>The release a pinned request read (release= or asOf=), which every link keeps; null when not pinned.</summary>
    public string? PinnedRelease { get; } = pinnedRelease;

    /// <summary>A site path with a query; every internal link passes through here, and keeps a pinned release.</summary>
    public string Href(string path, IEnumerable<KeyValuePair<string, string?>>? query = null)
    {
        var pairs = (query ?? []).Where(p => !string.IsNullOrEmpty(p.Value)).ToList();
        // A link that names its release (the next page of a walk does) keeps it; any other keeps the pinned one.
        if (PinnedRelease is not null && !pairs.Any(p => p.Key is "release" or "asOf"))
        {
            pairs.Add(new("release", PinnedRelease));
        }

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
    /// <remarks>Null before the release is read (a 414 or 431 is answered first), so an error page still renders.</remarks>
    public string? Release => Http.Features.Get<ReleaseStamp>()?.Id;

    /// <summary>When the release was built.</summary>
    public DateTimeOffset? ReleaseBuiltAt => Http.Features.Get<ReleaseStamp>()?.BuiltAt;

    /// <summary>The request's own URL, absolute: the canonical link of a page that has no other.</summary>
    public string Self => Links.Base + Http.Request.Path.ToUriComponent() + Http.Request.QueryString.ToUriComponent();

    /// <summary>A request pinned to a release (release= or asOf=) keeps that release, by id, in every link it writes.</summary>
    internal static PageContext For(HttpContext http)
    {
        var query = http.Request.Query;
        var pinned = query.ContainsKey(DatasetRelease.ReleaseParameter) || query.ContainsKey(DatasetRelease.AsOfParameter)
            ? http.Features.Get<ReleaseStamp>()?.Id
            : null;
        return new(http, new SiteLinks(http.RequestServices.GetRequiredService<PublicUrls>().Base(http.Request), pinned));
    }
}
