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

    /// <summary>
    /// Only with changedSince: what the list held at that release and no longer holds, each with the release that
    /// withdrew it and why, after the changed items, page by page (a page holds at most pageSize items and
    /// tombstones together; total counts the items). Null without changedSince.
    /// </summary>
    public IReadOnlyList<Tombstone>? Withdrawn { get; init; }
}

/// <summary>A record withdrawn since the release a client synced at: drop it from your copy.</summary>
internal sealed record Tombstone
{
    /// <summary>The id (or code) of the record, as the list gave it.</summary>
    /// <example>china-gdp-growth-target-2024</example>
    public required string Id { get; init; }

    /// <summary>The release that withdrew it (its last withdrawal, when it came back and went again).</summary>
    /// <example>6232fba9f0a660cc</example>
    public required string WithdrawnIn { get; init; }

    /// <summary>The curator's reason, or null for a release published before the corrections log.</summary>
    /// <example>The source states the target as a range, not a figure.</example>
    public required string? Reason { get; init; }
}

/// <summary>Absolute links for paging. Treat <c>next</c> as opaque: follow it, do not build it.</summary>
internal sealed record PageLinks
{
    /// <summary>This page, pinned to the release it was read from (asOf given becomes that release).</summary>
    /// <example>http://127.0.0.1:5000/v1/observations?pageSize=10&amp;release=53db9c8b12bee743</example>
    public required string Self { get; init; }

    /// <summary>The next page, or null on the last page. It names the release, so a walk reads one release throughout.</summary>
    /// <example>http://127.0.0.1:5000/v1/observations?pageSize=10&amp;release=53db9c8b12bee743&amp;cursor=Mi4xMC43</example>
    public required string? Next { get; init; }
}
