namespace Indicators.Api.Sources;

/// <summary>A source document. Metadata the text does not give is null, never guessed.</summary>
internal sealed record SourceResponse
{
    /// <summary>The source id used in citations and filters.</summary>
    /// <example>modernisation-in-china-and-pakistan</example>
    public required string Id { get; init; }

    /// <summary>The document's title, as it stands in the text.</summary>
    /// <example>Modernisation in China and Pakistan</example>
    public required string Title { get; init; }

    /// <summary>The standfirst (the line under the title), as it stands in the text, or null.</summary>
    /// <example>We stand ready to strengthen cooperation with Pakistan in new energy, IT, and even the space field, to help Pakistan win the future of development.</example>
    public required string? Standfirst { get; init; }

    /// <summary>The author where the text names one, else null.</summary>
    /// <example>Jiang Zaidong</example>
    public required string? Author { get; init; }

    /// <summary>The publication date (yyyy-MM-dd) where the text gives one, else null.</summary>
    /// <example>2024-09-10</example>
    public required string? PublishedOn { get; init; }

    /// <summary>The publisher where the text names one, else null.</summary>
    /// <example>null</example>
    public required string? Publisher { get; init; }

    /// <summary>The original URL where known from the text, else null.</summary>
    /// <example>null</example>
    public required string? Url { get; init; }

    /// <summary>The source text's own licence where the text gives one, else null. It describes the text, not this dataset (CC BY 4.0), which does not cover the texts.</summary>
    /// <example>null</example>
    public required string? Licence { get; init; }

    /// <summary>The full text, byte for byte, that citation offsets index into.</summary>
    /// <example>http://127.0.0.1:5000/v1/sources/modernisation-in-china-and-pakistan/text</example>
    public required string TextUrl { get; init; }

    /// <summary>The length of the text in Unicode code points.</summary>
    /// <example>13145</example>
    public required long Length { get; init; }

    /// <summary>How many stated (non-derived) observations cite this source.</summary>
    /// <example>12</example>
    public required long ObservationCount { get; init; }
}

/// <summary>A source's metadata as SQLite returns it.</summary>
internal sealed class SourceRow
{
    public string Id { get; init; } = "";
    public string Title { get; init; } = "";
    public string? Standfirst { get; init; }
    public string? Author { get; init; }
    public string? PublishedOn { get; init; }
    public string? Publisher { get; init; }
    public string? Url { get; init; }
    public string? Licence { get; init; }
    public long Length { get; init; }
    public long ObservationCount { get; init; }

    public SourceResponse ToResponse(string baseUrl) => new()
    {
        Id = Id,
        Title = Title,
        Standfirst = Standfirst,
        Author = Author,
        PublishedOn = PublishedOn,
        Publisher = Publisher,
        Url = Url,
        Licence = Licence,
        TextUrl = $"{baseUrl}/v1/sources/{Id}/text",
        Length = Length,
        ObservationCount = ObservationCount,
    };
}
