using System.ComponentModel;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Indicators.Api.Http;
using Indicators.Api.Observations;
using Indicators.Api.Sources;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace Indicators.Api.Mcp;

/// <summary>
/// The resources, all under indicators://: a figure, a source, a verbatim slice of a source's text by code-point
/// offsets (templates), and the guide to qualifiers and kinds. Errors are JSON-RPC errors, as resources/read has no
/// error result of its own.
/// </summary>
[McpServerResourceType]
internal static class IndicatorResources
{
    /// <summary>The most code points one read of a source text returns: a whole seed document, and well under 50,000 UTF-16 units.</summary>
    public const int MaxSlice = 16_000;

    [McpServerResource(UriTemplate = McpUris.FigureTemplate, Name = "figure", Title = "A figure", MimeType = "application/json")]
    [Description("One figure as a figure card (what get_figure returns as figure), with the release it was read from.")]
    public static async Task<ResourceContents> Figure(McpReads reads, string id, CancellationToken cancellationToken)
    {
        await using var read = await reads.OpenAsync(null, cancellationToken);
        var figure = await read.FigureAsync(id, cancellationToken)
            ?? throw NotFound($"There is no figure '{McpReads.Shown(id)}'; find ids with the search_figures tool.");
        return Json(McpUris.Figure(figure.Id), new FigureResource { Figure = FigureCard.From(figure), Release = read.Release }, read.Release);
    }

    [McpServerResource(UriTemplate = McpUris.SourceTemplate, Name = "source", Title = "A source document", MimeType = "application/json")]
    [Description("A source document's record and the ids of the figures quoted from it (in reading order, up to 1,000; get_source pages them all), with the release it was read from.")]
    public static async Task<ResourceContents> Source(McpReads reads, string id, CancellationToken cancellationToken)
    {
        await using var read = await reads.OpenAsync(null, cancellationToken);
        var source = await read.SourceAsync(id, cancellationToken)
            ?? throw NotFound($"There is no source '{McpReads.Shown(id)}'; source ids are: {await read.SourceIdsAsync(cancellationToken)}.");
        var text = await read.SourceTextAsync(source.Id, cancellationToken) ?? "";
        var figures = await read.AllAsync(new ObservationQueries.Filter(null, null, null, source.Id, null, null, null, null), cancellationToken);
        var resource = new SourceResource
        {
            Source = SourceRecord.From(read.Response(source), text),
            FigureIds = figures.Select(f => f.Id).ToList(),
            Release = read.Release,
        };
        return Json(McpUris.Source(source.Id), resource, read.Release);
    }

    [McpServerResource(UriTemplate = McpUris.SourceTextTemplate, Name = "source-text", Title = "A source's text, verbatim", MimeType = "text/plain")]
    [Description("A source's text byte for byte, or the slice [start, end) of it in Unicode code points (the unit of every quote's offsets); at most 16,000 code points per read.")]
    public static async Task<ResourceContents> SourceText(
        McpReads reads, string id, string? start = null, string? end = null, CancellationToken cancellationToken = default)
    {
        await using var read = await reads.OpenAsync(null, cancellationToken);
        var stored = await read.SourceTextAsync(id, cancellationToken)
            ?? throw NotFound($"There is no source '{McpReads.Shown(id)}'; source ids are: {await read.SourceIdsAsync(cancellationToken)}.");
        var text = new SourceText(stored);
        var from = Offset(start, "start", 0, text.Length);
        var to = Offset(end, "end", Math.Min(text.Length, from + MaxSlice), text.Length);
        if (to < from)
        {
            throw Invalid($"'end' ({to}) is before 'start' ({from}).");
        }

        if (to - from > MaxSlice)
        {
            throw Invalid(string.Create(CultureInfo.InvariantCulture,
                $"A read returns at most {MaxSlice} code points; ask for ?start={from}&end={from + MaxSlice} and go on from there."));
        }

        return new TextResourceContents
        {
            Uri = McpUris.SourceText(id, from, to),
            MimeType = "text/plain",
            Text = text.Slice(from, to),
            Meta = new JsonObject
            {
                ["release"] = read.Release,
                ["length"] = text.Length,
                ["offsetUnit"] = FigureQuote.CodePoints,
            },
        };
    }

    [McpServerResource(UriTemplate = McpUris.QualifierGuide, Name = "qualifier-guide", Title = "How to read a figure", MimeType = "text/markdown")]
    [Description("What each qualifier means as bounds, what each kind of figure is, how quote offsets count, and what verify_claim's verdicts mean.")]
    public static TextResourceContents Guide() => new()
    {
        Uri = McpUris.QualifierGuide,
        MimeType = "text/markdown",
        Text = QualifierGuide.Text,
    };

    private static int Offset(string? value, string name, int fallback, int length)
    {
        if (value is null or "")
        {
            return fallback;
        }

        if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var offset) || offset > length)
        {
            throw Invalid(string.Create(CultureInfo.InvariantCulture,
                $"'{name}' must be a whole number of code points from 0 to the text's length, {length}; got '{McpReads.Shown(value)}'."));
        }

        return offset;
    }

    private static TextResourceContents Json<T>(string uri, T value, string release) => new()
    {
        Uri = uri,
        MimeType = "application/json",
        Text = JsonSerializer.Serialize(value, McpJson.Options),
        Meta = new JsonObject { ["release"] = release },
    };

    private static McpProtocolException NotFound(string message) => new(message, McpErrorCode.ResourceNotFound);

    private static McpProtocolException Invalid(string message) => new(message, McpErrorCode.InvalidParams);
}

internal sealed record FigureResource
{
    public required FigureCard Figure { get; init; }

    public required string Release { get; init; }
}

internal sealed record SourceResource
{
    public required SourceRecord Source { get; init; }

    public required IReadOnlyList<string> FigureIds { get; init; }

    public required string Release { get; init; }
}

/// <summary>The guide resource, written from the same tables the service reads by, so it cannot drift from them.</summary>
internal static class QualifierGuide
{
    public static readonly string Text = Build();

    private static string Build()
    {
        var text = new StringBuilder("""
            # Reading a figure

            Every figure is the number as its source states it (`value`, in `unit.label`; multiply by `unit.scale` for base
            units), with the source's qualifying words. The words are facts: "more than 40%" has no top, and "around 5%"
            states no interval. Repeat a figure with its words (`statement`), never as a bare number.

            ## Qualifiers and the bounds they set

            | qualifier | plain words | lower | upper |
            |---|---|---|---|

            """);
        foreach (var qualifier in Vocabulary.Qualifiers)
        {
            var bounds = Bounds.For(qualifier, 1);
            var words = FigureWording.PlainQualifierWords(qualifier);
            text.Append("| ").Append(qualifier).Append(" | ").Append(words.Length == 0 ? "(none)" : words)
                .Append(" | ").Append(Bound(bounds.Lower, bounds.LowerInclusive))
                .Append(" | ").Append(Bound(bounds.Upper, bounds.UpperInclusive)).Append(" |\n");
        }

        text.Append("""

            "value" in a bound is the stated number; "(value)" means the bound excludes it. A source's own words map to these:
            exceeded, over, more than → more-than; nearly, almost → nearly; within, up to, as high as → at-most; around, about →
            approximately. "Nearly" also says the figure is close to its bound, but not how close, so values below it are
            undetermined rather than consistent.

            ## Kinds

            """);
        foreach (var kind in Vocabulary.Kinds)
        {
            text.Append("- `").Append(kind).Append("`: ").Append(KindMeaning(kind)).Append('\n');
        }

        text.Append($"""

            ## Quotes and offsets

            `quote.start` and `quote.end` count Unicode code points (not UTF-16 units, not bytes) into the source's text: its
            code points [start, end) are the quote, verbatim. Read a slice with `indicators://sources/{"{id}"}/text?start=…&end=…`.

            ## verify_claim verdicts

            """);
        foreach (var verdict in Enum.GetValues<Verdict>())
        {
            text.Append("- `").Append(Verdicts.Name(verdict)).Append("`: ").Append(VerdictMeaning(verdict)).Append('\n');
        }

        return text.ToString();
    }

    private static string Bound(double? bound, bool? inclusive) => bound is null ? "none" : inclusive is true ? "value" : "(value)";

    private static string KindMeaning(string kind) => kind switch
    {
        "actual" => "a measured outcome, as the source reports it.",
        "target" => "a goal set in advance (\"a growth target of around 5%\"), not an outcome.",
        "plan" => "something decided or proposed, not yet done.",
        "capacity" => "what can be produced or handled, not what was.",
        "in-progress" => "under construction.",
        _ => "computed by this service from stated figures (`formula` over `inputs`), never stated by a source; its bound follows from its inputs' bounds.",
    };

    private static string VerdictMeaning(Verdict verdict) => verdict switch
    {
        Verdict.Consistent => "the source's words allow the value, in the figure's unit, scale, period and kind.",
        Verdict.OutsideBounds => "the words rule the value out (\"more than 40%\" rules out 40).",
        Verdict.OtherUnit => "the claim is in another unit (dollars for yuan, percent for percentage points).",
        Verdict.OtherScale => "the claim has the figure's number at another scale (126 billion for 126 trillion).",
        Verdict.OtherPeriod => "the claim is about another period.",
        Verdict.OtherKind => "the claim presents the figure as another kind (a target as an actual).",
        _ => "the words neither allow nor rule the value out (\"around 5%\" states no interval; below \"nearly 100 million\" is not pinned down).",
    };
}
