using System.Text.Json;
using Indicators.Api.Data;

namespace Indicators.Api.Releases;

/// <summary>One release of the data: what a researcher cites to say which data they used.</summary>
internal sealed record ReleaseResponse
{
    /// <summary>The release id: the first 16 hex digits of the SHA-256 of its manifest (below). The same files always give the same id.</summary>
    /// <example>6232fba9f0a660cc</example>
    public required string Id { get; init; }

    /// <summary>Its place in publication order, from 1: the corrections log names releases by it.</summary>
    /// <example>6</example>
    public required int Sequence { get; init; }

    /// <summary>When it was published (UTC, ISO 8601), or null for a data folder previewed before publication.</summary>
    /// <example>2026-11-23T21:28:09Z</example>
    public required string? PublishedAt { get; init; }

    /// <summary>When it was built: its publication time, or when an unpublished release was first built. The Last-Modified of what it serves.</summary>
    /// <example>2026-11-23T21:28:09Z</example>
    public required string BuiltAt { get; init; }

    /// <summary>Rows per table in the release (observations include the derived ones).</summary>
    public required IReadOnlyDictionary<string, long> Counts { get; init; }

    /// <summary>The curator's one-line note on what changed (the first line of data/release-note.txt).</summary>
    /// <example>Adds four derived figures.</example>
    public required string Changelog { get; init; }

    /// <summary>True for the release served when a request names none.</summary>
    /// <example>true</example>
    public required bool Current { get; init; }

    /// <summary>The sha256sum lines of the files it was built from: check it with sha256sum -c in data/, or against git show at a commit.</summary>
    /// <example>9a1f…  observations.csv</example>
    public required string Manifest { get; init; }

    /// <summary>What it added, changed and withdrew since the release before, each with its reason.</summary>
    /// <example>http://127.0.0.1:5000/v1/releases/6232fba9f0a660cc/changes</example>
    public required string Changes { get; init; }
}

/// <summary>A release named in another answer: its id, place and publication time.</summary>
internal sealed record ReleaseRef
{
    /// <summary>The release id.</summary>
    /// <example>6232fba9f0a660cc</example>
    public required string Id { get; init; }

    /// <summary>Its place in publication order, from 1.</summary>
    /// <example>6</example>
    public required int Sequence { get; init; }

    /// <summary>When it was published (UTC), or null when unpublished.</summary>
    /// <example>2026-11-23T21:28:09Z</example>
    public required string? PublishedAt { get; init; }

    public static ReleaseRef Of(ReleaseStamp release) => new()
    {
        Id = release.Id,
        Sequence = release.Seq,
        PublishedAt = release.PublishedAt is { } at ? Import.DatabaseBuilder.Time(at) : null,
    };
}

/// <summary>One field of a record, before and after a change, as the data files write it (null: empty).</summary>
internal sealed record FieldChangeResponse
{
    public static readonly JsonSerializerOptions Json = new() { PropertyNameCaseInsensitive = true };

    /// <summary>The column of the data file (quote_start, quote_end: the offsets the import computes; text: a source's text).</summary>
    /// <example>value</example>
    public required string Field { get; init; }

    /// <summary>The value before (for a source's text, the URL of the text before).</summary>
    /// <example>126</example>
    public required string? Old { get; init; }

    /// <summary>The value after (for a source's text, the URL of the text after).</summary>
    /// <example>127</example>
    public required string? New { get; init; }
}

/// <summary>A releases row as SQLite returns it.</summary>
internal sealed class ReleaseRow
{
    public long Seq { get; init; }
    public string Id { get; init; } = "";
    public string? PublishedAt { get; init; }
    public string BuiltAt { get; init; } = "";
    public string Counts { get; init; } = "{}";
    public string Changelog { get; init; } = "";
    public string Manifest { get; init; } = "";
    public long IsCurrent { get; init; }

    public ReleaseResponse ToResponse(string baseUrl) => new()
    {
        Id = Id,
        Sequence = (int)Seq,
        PublishedAt = PublishedAt,
        BuiltAt = BuiltAt,
        Counts = JsonSerializer.Deserialize<Dictionary<string, long>>(Counts)!,
        Changelog = Changelog,
        Current = IsCurrent != 0,
        Manifest = Manifest,
        Changes = $"{baseUrl}/v1/releases/{Id}/changes",
    };
}
