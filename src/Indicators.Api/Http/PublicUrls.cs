using Microsoft.Extensions.Options;

namespace Indicators.Api.Http;

/// <summary>Settings for the links the service writes into its responses.</summary>
internal sealed class PublicUrlOptions
{
    /// <summary>
    /// The service's public base URL (e.g. https://indicators.example.org). When set, links use it instead
    /// of the request's Host header, which a client controls and a shared cache must not echo.
    /// </summary>
    public string? BaseUrl { get; set; }
}

/// <summary>Makes the absolute URLs in citations and paging links.</summary>
internal sealed class PublicUrls(IOptions<PublicUrlOptions> options)
{
    private readonly string? _baseUrl = options.Value.BaseUrl?.TrimEnd('/');

    public string Base(HttpRequest request) =>
        _baseUrl ?? $"{request.Scheme}://{request.Host.ToUriComponent()}{request.PathBase.ToUriComponent()}";

    public string Absolute(HttpRequest request, string pathAndQuery) => Base(request) + pathAndQuery;

    /// <summary>The request's own URL, as a client can repeat it.</summary>
    public string Self(HttpRequest request) =>
        Absolute(request, request.Path.ToUriComponent() + request.QueryString.ToUriComponent());

    /// <summary>
    /// The request's URL pinned to the release it reads (release=id in place of any asOf), with some query
    /// parameters replaced (null removes one): a link that answers the same next year.
    /// </summary>
    public string Permalink(HttpRequest request, IReadOnlyDictionary<string, string?>? changes = null)
    {
        var pinned = new Dictionary<string, string?>(changes ?? new Dictionary<string, string?>(), StringComparer.OrdinalIgnoreCase)
        {
            [Data.DatasetRelease.AsOfParameter] = null,
            [Data.DatasetRelease.ReleaseParameter] = Data.DatasetRelease.Of(request).Id,
        };
        return WithQuery(request, pinned);
    }

    /// <summary>A path of this service (with its query) pinned to <paramref name="release"/>.</summary>
    public string Pinned(HttpRequest request, string path, Data.ReleaseStamp release, string? fragment = null) =>
        $"{Base(request)}{path}{(path.Contains('?', StringComparison.Ordinal) ? '&' : '?')}release={release.Id}{fragment}";

    /// <summary>The request's URL with some query parameters replaced (null removes one).</summary>
    public string WithQuery(HttpRequest request, IReadOnlyDictionary<string, string?> changes)
    {
        var kept = request.Query
            .Where(p => !changes.ContainsKey(p.Key))
            .SelectMany(p => p.Value.Select(v => new KeyValuePair<string, string?>(p.Key, v)))
            .Concat(changes.Where(c => c.Value is not null));
        return Absolute(request, request.Path.ToUriComponent() + QueryString.Create(kept).ToUriComponent());
    }
}
