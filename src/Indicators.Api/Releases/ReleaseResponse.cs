using System.Text.Json;

namespace Indicators.Api.Releases;

/// <summary>One import of the data folder: what a researcher cites to say which data they used.</summary>
internal sealed record ReleaseResponse
{
    /// <summary>The release id: the first 16 hex digits of the SHA-256 of the manifest of every file the import read. The same files always give the same id.</summary>
    /// <example>53db9c8b12bee743</example>
    public required string Id { get; init; }

    /// <summary>When the release was first built (UTC, ISO 8601); the Last-Modified of every response it serves.</summary>
    /// <example>2026-11-23T18:13:10Z</example>
    public required string BuiltAt { get; init; }

    /// <summary>Rows per table in the release (observations include the derived ones).</summary>
    public required IReadOnlyDictionary<string, long> Counts { get; init; }

    /// <summary>The curator's one-line note on what changed (the first line of data/release-note.txt).</summary>
    /// <example>Adds four derived figures.</example>
    public required string Changelog { get; init; }

    /// <summary>True for the release the service is serving now.</summary>
    /// <example>true</example>
    public required bool Current { get; init; }
}

/// <summary>A releases row as SQLite returns it.</summary>
internal sealed class ReleaseRow
{
    public long Seq { get; init; }
    public string Id { get; init; } = "";
    public string BuiltAt { get; init; } = "";
    public string Counts { get; init; } = "{}";
    public string Changelog { get; init; } = "";
    public long IsCurrent { get; init; }

    public ReleaseResponse ToResponse() => new()
    {
        Id = Id,
        BuiltAt = BuiltAt,
        Counts = JsonSerializer.Deserialize<Dictionary<string, long>>(Counts)!,
        Changelog = Changelog,
        Current = IsCurrent != 0,
    };
}
