namespace Indicators.Api.Pages;

/// <summary>A link to another representation of a page: its JSON and CSV twins, its oEmbed.</summary>
public sealed record AlternateLink(string Type, string Href, string Title);

/// <summary>One step of the breadcrumb trail; the last one is the page itself (no link).</summary>
public sealed record Crumb(string Text, string? Href);

/// <summary>What a page tells the layout for its head: title, description, canonical and alternate links, preview image.</summary>
public sealed record PageMeta
{
    public required string Title { get; init; }

    public required string Description { get; init; }

    /// <summary>The page's absolute canonical URL.</summary>
    public required string Canonical { get; init; }

    public IReadOnlyList<AlternateLink> Alternates { get; init; } = [];

    public IReadOnlyList<Crumb> Crumbs { get; init; } = [];

    /// <summary>The absolute URL of the link-preview image (a chart PNG), or null.</summary>
    public string? Image { get; init; }

    public string? ImageAlt { get; init; }

    /// <summary>schema.org JSON-LD, already serialized safe for a script element (see <see cref="JsonLd"/>).</summary>
    public string? JsonLd { get; init; }

    /// <summary>Search result pages are not for search engines to index.</summary>
    public bool NoIndex { get; init; }

    /// <summary>A page's own generated style rules (allowed by their hash), or null.</summary>
    public string? PageStyle { get; init; }

    /// <summary>Whether the page has copy buttons and so needs the one script.</summary>
    public bool HasCopyButtons { get; init; }
}
