using FluentValidation;
using Microsoft.AspNetCore.Mvc;

namespace Indicators.Api.Http;

/// <summary>Paging for the small reference lists (indicators, entities, sources).</summary>
internal sealed record ListRequest
{
    /// <summary>The 1-based page number (default 1).</summary>
    /// <example>1</example>
    [FromQuery(Name = "page")] public string? Page { get; init; }

    /// <summary>Items per page, 1 to 1000 (default 100).</summary>
    /// <example>100</example>
    [FromQuery(Name = "pageSize")] public string? PageSize { get; init; }

    /// <summary>
    /// Only records added or changed after this release (an id from /v1/releases), and, in withdrawn, those withdrawn
    /// since: what a copy synced at that release needs (SDMX's updatedAfter, by release).
    /// </summary>
    /// <example>6232fba9f0a660cc</example>
    [FromQuery(Name = "changedSince")] public string? ChangedSince { get; init; }

    public PagePosition Position => PagePosition.From(Page, PageSize, cursor: null);
}

internal sealed class ListRequestValidator : AbstractValidator<ListRequest>
{
    public ListRequestValidator()
    {
        this.AddPagingRules(r => r.Page, r => r.PageSize);
        this.AddChangedSinceRule(r => r.ChangedSince);
    }
}

internal static class PagedLists
{
    /// <summary>
    /// Wraps one page of a list read with LIMIT pageSize + 1 (the extra row says whether a next page exists), and
    /// with changedSince the tombstones that follow its items (<paramref name="withdrawn"/>, read with one extra too).
    /// </summary>
    public static PagedList<T> Of<T>(
        List<T> rowsPlusOne, long total, PagePosition position, PublicUrls urls, HttpRequest request,
        (List<Tombstone> Page, bool More)? withdrawn = null) => new()
    {
        Items = rowsPlusOne.Take(position.PageSize).ToList(),
        Page = position.Page,
        PageSize = position.PageSize,
        Total = total,
        Release = Data.DatasetRelease.Of(request).Id,
        Links = new PageLinks
        {
            Self = urls.Permalink(request),
            Next = rowsPlusOne.Count > position.PageSize || withdrawn?.More is true
                ? urls.Permalink(request, new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
                {
                    ["page"] = (position.Page + 1).ToString(System.Globalization.CultureInfo.InvariantCulture),
                })
                : null,
        },
        Withdrawn = withdrawn?.Page,
    };

    /// <summary>
    /// Where a page's tombstones start and how many it has room for: a list with changedSince is its changed items
    /// and then its tombstones, <see cref="PagePosition.PageSize"/> entries a page; reads one more to tell whether more follow.
    /// </summary>
    public static async Task<(List<Tombstone> Page, bool More)> WithdrawnAfterAsync(
        PagePosition position, int itemsOnPage, long total, Func<long, int, Task<List<Tombstone>>> read)
    {
        var room = position.PageSize - Math.Min(itemsOnPage, position.PageSize);
        var offset = Math.Max(0, (long)(position.Page - 1) * position.PageSize - total);
        var rows = await read(offset, room + 1);
        return (rows.Take(room).ToList(), rows.Count > room);
    }
}
