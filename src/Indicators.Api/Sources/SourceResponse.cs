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

    /// <summary>
    /// Where else the same text was published, as curators established outside the text (the fields above hold only
    /// what the text states): each says what, and by whom, when and how it was established. Empty when none is known.
    /// </summary>
    public required IReadOnlyList<PublicationResponse> AlsoPublishedIn { get; init; }
}

/// <summary>Another publication of a source's text, established by curators: a fact about the text, not one it states.</summary>
internal sealed record PublicationResponse
{
    /// <summary>The title it was published under there.</summary>
    /// <example>Work together to advance modernization in China and Pakistan</example>
    public required string Title { get; init; }

    /// <summary>The author it names, or null.</summary>
    /// <example>Jiang Zaidong</example>
    public required string? Author { get; init; }

    /// <summary>Who published it there.</summary>
    /// <example>Pakistan Today</example>
    public required string Publisher { get; init; }

    /// <summary>The date it was published there (yyyy-MM-dd), or null.</summary>
    /// <example>2024-09-09</example>
    public required string? PublishedOn { get; init; }

    /// <summary>Where it is published there.</summary>
    /// <example>https://www.pakistantoday.com.pk/2024/09/09/work-together-to-advance-modernization-in-china-and-pakistan/</example>
    public required string Url { get; init; }

    /// <summary>Who established it.</summary>
    /// <example>Indicators curators</example>
    public required string EstablishedBy { get; init; }

    /// <summary>When it was established (yyyy-MM-dd).</summary>
    /// <example>2026-12-01</example>
    public required string EstablishedOn { get; init; }

    /// <summary>How it was established.</summary>
    /// <example>Compared a stored copy of the page with the source text.</example>
    public required string How { get; init; }
}

/// <summary>A facts row as SQLite returns it.</summary>
internal sealed class PublicationRow
{
    public string Source { get; init; } = "";
    public string Fact { get; init; } = "";
    public string Title { get; init; } = "";
    public string? Author { get; init; }
    public string Publisher { get; init; } = "";
    public string? PublishedOn { get; init; }
    public string Url { get; init; } = "";
    public string EstablishedBy { get; init; } = "";
    public string EstablishedOn { get; init; } = "";
    public string How { get; init; } = "";

    public PublicationResponse ToResponse() => new()
    {
        Title = Title, Author = Author, Publisher = Publisher, PublishedOn = PublishedOn, Url = Url,
        EstablishedBy = EstablishedBy, EstablishedOn = EstablishedOn, How = How,
    };
}

/// <summary>A source's metadata as SQLite returns it.</summary>
internal sealed record SourceRow
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

    /// <summary>What curators established about it outside its text (read separately).</summary>
    public IReadOnlyList<PublicationRow> Facts { get; init; } = [];

    /// <param name="baseUrl">The service's public base URL.</param>
    /// <param name="release">The release it was read from: the text URL names it.</param>
    public SourceResponse ToResponse(string baseUrl, string release) => new()
    {
        Id = Id,
        Title = Title,
        Standfirst = Standfirst,
        Author = Author,
        PublishedOn = PublishedOn,
        Publisher = Publisher,
        Url = Url,
        Licence = Licence,
        TextUrl = $"{baseUrl}/v1/sources/{Id}/text?release={release}",
        Length = Length,
        ObservationCount = ObservationCount,
        AlsoPublishedIn = Facts.Where(f => f.Fact == "also-published-in").Select(f => f.ToResponse()).ToList(),
    };
}
