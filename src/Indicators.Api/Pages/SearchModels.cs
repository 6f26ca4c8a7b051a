using Indicators.Api.Observations;

namespace Indicators.Api.Pages;

/// <summary>A search's parameters as sent (validated), for the form to show them again.</summary>
public sealed record SearchView(IReadOnlyList<KeyValuePair<string, string?>> Query)
{
    public string? this[string name] => Query.FirstOrDefault(p => p.Key == name).Value;
}

/// <summary>One choice of a filter's drop-down.</summary>
public sealed record Option(string Value, string Text);

/// <summary>The choices the search form offers for each filter.</summary>
public sealed record SearchOptions(
    IReadOnlyList<Option> Indicators, IReadOnlyList<Option> Entities, IReadOnlyList<Option> Sources,
    IReadOnlyList<Option> Kinds, IReadOnlyList<Option> Qualifiers, IReadOnlyList<Option> Counterparts);

/// <summary>A facet value as a link: to add the filter, or (when it is on) to take it off.</summary>
public sealed record FacetLink(string Text, long Count, string Href, bool On);

/// <summary>One facet of the search page.</summary>
public sealed record FacetGroup(string Parameter, string Title, IReadOnlyList<FacetLink> Values);

internal static class SearchFacets
{
    public static IReadOnlyList<FacetGroup> From(ObservationFacetCounts counts, IReadOnlyList<KeyValuePair<string, string?>> query, SiteLinks links) =>
    [
        Group("indicator", "Indicator", counts.Indicator, query, links, v => v.Name),
        Group("entity", "Entity", counts.Entity, query, links, v => v.Name),
        Group("kind", "Kind", counts.Kind, query, links, v => FigureWording.KindWords(v.Code) ?? "actual"),
        Group("qualifier", "Qualifier", counts.Qualifier, query, links, v => QualifierName(v.Code)),
        Group("source", "Source", counts.Source, query, links, v => v.Name),
    ];

    /// <summary>A qualifier as a reader says it: "more than", "exact".</summary>
    public static string QualifierName(string qualifier) => FigureWording.PlainQualifierWords(qualifier) is { Length: > 0 } words ? words : "exact";

    private static FacetGroup Group(
        string parameter, string title, IReadOnlyList<FacetValue> values, IReadOnlyList<KeyValuePair<string, string?>> query, SiteLinks links,
        Func<FacetValue, string> text)
    {
        // A facet link starts from the first page of the same search, with this filter set, or taken off.
        var kept = query.Where(p => p.Key is not ("page" or "cursor") && p.Key != parameter).ToList();
        var current = query.FirstOrDefault(p => p.Key == parameter).Value;
        return new FacetGroup(parameter, title, values.Select(v =>
        {
            var on = v.Code == current;
            return new FacetLink(text(v), v.Count, links.Search(on ? kept : kept.Append(new(parameter, v.Code))), on);
        }).ToList());
    }
}
