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

    public PagePosition Position => PagePosition.From(Page, PageSize, cursor: null);
}

internal sealed class ListRequestValidator : AbstractValidator<ListRequest>
{
    public ListRequestValidator() => this.AddPagingRules(r => r.Page, r => r.PageSize);
}

internal static class PagedLists
{
    /// <summary>Wraps one page of a list read with LIMIT pageSize + 1 (the extra row says whether a next page exists).</summary>
    public static PagedList<T> Of<T>(List<T> rowsPlusOne, long total, PagePosition position, PublicUrls urls, HttpRequest request) => new()
    {
        Items = rowsPlusOne.Take(position.PageSize).ToList(),
        Page = position.Page,
        PageSize = position.PageSize,
        Total = total,
        Release = Data.DatasetRelease.Of(request)!, // every request is stamped before routing (UseReleaseStamp)
        Links = new PageLinks
        {
            Self = urls.Self(request),
            Next = rowsPlusOne.Count > position.PageSize
                ? urls.WithQuery(request, new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
                {
                    ["page"] = (position.Page + 1).ToString(System.Globalization.CultureInfo.InvariantCulture),
                })
                : null,
        },
    };
}
