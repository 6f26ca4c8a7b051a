using Microsoft.AspNetCore.Mvc;

namespace Indicators.Api.Observations;

/// <summary>Filters and paging for a list of observations. Every filter is optional; they combine with AND.</summary>
internal sealed record ListObservationsRequest
{
    /// <summary>Only figures of this indicator (a code from /v1/indicators).</summary>
    /// <example>gdp</example>
    [FromQuery(Name = "indicator")] public string? Indicator { get; init; }

    /// <summary>Only figures about this entity (a code from /v1/entities).</summary>
    /// <example>china</example>
    [FromQuery(Name = "entity")] public string? Entity { get; init; }

    /// <summary>Only bilateral figures with this counterpart (a code from /v1/entities).</summary>
    /// <example>china</example>
    [FromQuery(Name = "counterpart")] public string? Counterpart { get; init; }

    /// <summary>Only figures cited from this source (an id from /v1/sources).</summary>
    /// <example>modernisation-in-china-and-pakistan</example>
    [FromQuery(Name = "source")] public string? Source { get; init; }

    /// <summary>Only figures of this kind: actual, target, plan, capacity, in-progress or derived.</summary>
    /// <example>actual</example>
    [FromQuery(Name = "kind")] public string? Kind { get; init; }

    /// <summary>Only figures with this qualifier: exact, approximately, more-than, at-least, nearly, less-than or at-most.</summary>
    /// <example>more-than</example>
    [FromQuery(Name = "qualifier")] public string? Qualifier { get; init; }

    /// <summary>Only figures whose period overlaps the years from this one on (a whole year, e.g. 2020). Figures with no years are left out.</summary>
    /// <example>2020</example>
    [FromQuery(Name = "from")] public string? From { get; init; }

    /// <summary>Only figures whose period overlaps the years up to this one (a whole year, not before from). Figures with no years are left out.</summary>
    /// <example>2024</example>
    [FromQuery(Name = "to")] public string? To { get; init; }

    /// <summary>true to list derived figures (kind derived, computed by this service) along with stated ones; false (the default) lists stated figures only. kind=derived lists derived ones alone.</summary>
    /// <example>false</example>
    [FromQuery(Name = "includeDerived")] public string? IncludeDerived { get; init; }

    /// <summary>The 1-based page number (default 1). To walk a list, follow links.next instead.</summary>
    /// <example>1</example>
    [FromQuery(Name = "page")] public string? Page { get; init; }

    /// <summary>Items per page, 1 to 1000 (default 100).</summary>
    /// <example>100</example>
    [FromQuery(Name = "pageSize")] public string? PageSize { get; init; }

    /// <summary>An opaque position from a previous response's links.next; do not build one.</summary>
    /// <example>Mi4xMDA</example>
    [FromQuery(Name = "cursor")] public string? Cursor { get; init; }

    /// <summary>
    /// Full-text search in the quotes and in the names and descriptions of their indicators and entities: every word or
    /// "quoted phrase" must match; a trailing * matches by prefix. Results come by relevance, not reading order.
    /// </summary>
    /// <example>"global south"</example>
    [FromQuery(Name = "q")] public string? Q { get; init; }

    /// <summary>
    /// Only figures whose answer changed after this release (an id from /v1/releases): added, corrected, or shown with
    /// a renamed indicator, entity or unit; figures withdrawn since come in the envelope's withdrawn. What a copy synced
    /// at that release needs (SDMX's updatedAfter, by release).
    /// </summary>
    /// <example>6232fba9f0a660cc</example>
    [FromQuery(Name = "changedSince")] public string? ChangedSince { get; init; }
}
