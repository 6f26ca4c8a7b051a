namespace Indicators.Api.Http;

/// <summary>The envelope of every list: a page of items, where it sits, and the way on.</summary>
/// <typeparam name="T">The item type.</typeparam>
internal sealed record PagedList<T>
{
    /// <summary>The items of this page, in the list's fixed order.</summary>
    public required IReadOnlyList<T> Items { get; init; }

    /// <summary>The 1-based number of this page.</summary>
    /// <example>1</example>
    public required int Page { get; init; }

    /// <summary>The most items a page holds.</summary>
    /// <example>100</example>
    public required int PageSize { get; init; }

    /// <summary>How many items match the request across all pages.</summary>
    /// <example>23</example>
    public required long Total { get; init; }

    /// <summary>Links to this page and the next one.</summary>
    public required PageLinks Links { get; init; }

    /// <summary>The dataset release the list was read from (see /v1/releases); the same id as the X-Dataset-Release header.</summary>
    /// <example>53db9c8b12bee743</example>
    public required string Release { get; init; }
}

/// <summary>Absolute links for paging. Treat <c>next</c> as opaque: follow it, do not build it.</summary>
internal sealed record PageLinks
{
    /// <summary>This page.</summary>
    /// <example>http://127.0.0.1:5000/v1/observations?pageSize=10</example>
    public required string Self { get; init; }

    /// <summary>The next page, or null on the last page.</summary>
    /// <example>http://127.0.0.1:5000/v1/observations?pageSize=10&amp;cursor=Mi4xMA</example>
    public required string? Next { get; init; }
}
