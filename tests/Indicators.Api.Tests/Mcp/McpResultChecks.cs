using System.Text.Json;
using Indicators.Api.Tests.Support;
using Json.Schema;
using ModelContextProtocol.Protocol;

namespace Indicators.Api.Tests.Mcp;

/// <summary>What every tool result must satisfy, checked the same way for every call a test makes.</summary>
internal static class McpResultChecks
{
    /// <summary>The serialized result of one call, in UTF-16 code units, stays under this.</summary>
    public const int MaxResultLength = 50_000;

    /// <summary>
    /// Keys whose numbers are not figures: counts, offsets, years, sizes. Every other number must travel inside an
    /// object that carries its quote (or, for a derived figure, its formula and inputs).
    /// </summary>
    public static readonly IReadOnlySet<string> CountingKeys = new HashSet<string>(StringComparer.Ordinal)
    {
        "total", "count", "limit", "page", "length", "start", "end", "contextStart", "contextEnd", "startYear", "endYear",
    };

    public static void AssertAll(CallToolResult result, Tool tool, IReadOnlyDictionary<string, string> sourceTexts, string release)
    {
        var structured = result.Structured();
        AssertMatchesOutputSchema(structured, tool);
        AssertQuotesSliceTheirSources(structured, sourceTexts);
        AssertNoNakedNumbers(structured);
        AssertTextIsShortWords(result);
        AssertUnderSizeBudget(result);
        Assert.Equal(release, structured.GetProperty("release").GetString());
    }

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, JsonSchema> Schemas = new();

    public static void AssertMatchesOutputSchema(JsonElement structured, Tool tool)
    {
        // Built once per schema: building is the slow part, and a property test checks thousands of results.
        var schema = Schemas.GetOrAdd(tool.OutputSchema!.Value.GetRawText(), _ => JsonSchema.Build(
            tool.OutputSchema!.Value, new BuildOptions { SchemaRegistry = new SchemaRegistry() }, new Uri($"https://indicators.test/{tool.Name}/{Guid.NewGuid():N}")));
        var evaluation = schema.Evaluate(structured, new EvaluationOptions { OutputFormat = OutputFormat.List });
        Assert.True(evaluation.IsValid, $"{tool.Name}: structuredContent does not match its outputSchema:\n" + string.Join("\n",
            (evaluation.Details ?? []).Where(d => d.Errors is { Count: > 0 }).Select(d => $"{d.InstanceLocation}: {string.Join("; ", d.Errors!.Values)}")));
    }

    /// <summary>Every quote object ({text, sourceId, start, end}) is its source text's code points [start, end).</summary>
    public static int AssertQuotesSliceTheirSources(JsonElement structured, IReadOnlyDictionary<string, string> sourceTexts)
    {
        var checkedQuotes = 0;
        foreach (var quote in Objects(structured).Where(o =>
                     o.TryGetProperty("text", out _) && o.TryGetProperty("sourceId", out _) && o.TryGetProperty("start", out _) && o.TryGetProperty("end", out _)))
        {
            var text = sourceTexts[quote.GetProperty("sourceId").GetString()!];
            Assert.Equal(quote.GetProperty("text").GetString(),
                CodePointSlice(text, quote.GetProperty("start").GetInt32(), quote.GetProperty("end").GetInt32()));
            Assert.Equal("unicode-code-point", quote.GetProperty("offsetUnit").GetString());
            checkedQuotes++;
        }

        return checkedQuotes;
    }

    /// <summary>
    /// Every JSON number, unless it is under a counting key, has an enclosing object that holds a quote (non-null), or
    /// a formula and inputs: no number travels without where it came from.
    /// </summary>
    public static void AssertNoNakedNumbers(JsonElement structured) => Walk(structured, "$", key: null, grounded: false);

    private static void Walk(JsonElement element, string path, string? key, bool grounded)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Number:
                Assert.True(grounded || key is not null && CountingKeys.Contains(key),
                    $"{path} is the number {element.GetRawText()} with no quote, formula or inputs beside it");
                break;
            case JsonValueKind.Object:
                var here = grounded
                    || element.TryGetProperty("quote", out var quote) && quote.ValueKind == JsonValueKind.Object
                    || element.TryGetProperty("formula", out var formula) && formula.ValueKind == JsonValueKind.String
                       && element.TryGetProperty("inputs", out var inputs) && inputs.GetArrayLength() > 0;
                foreach (var property in element.EnumerateObject())
                {
                    Walk(property.Value, $"{path}.{property.Name}", property.Name, here);
                }

                break;
            case JsonValueKind.Array:
                var index = 0;
                foreach (var item in element.EnumerateArray())
                {
                    Walk(item, $"{path}[{index++}]", key, grounded);
                }

                break;
        }
    }

    /// <summary>The text rendering is words, not JSON, and at most 30% of the structured result's length.</summary>
    public static void AssertTextIsShortWords(CallToolResult result)
    {
        var text = result.Text();
        // Measured as characters, not as the escapes a serializer may write for them (\u2019 for a curly quote).
        var structured = JsonSerializer.Serialize(result.Structured(), Unescaped);
        Assert.False(IsJson(text), "the text rendering parses as JSON: " + text);
        Assert.True(text.Length <= 0.3 * structured.Length,
            $"the text rendering is {text.Length} characters, {100.0 * text.Length / structured.Length:0.0}% of the structured result's {structured.Length}:\n{text}");
    }

    public static void AssertUnderSizeBudget(CallToolResult result)
    {
        var length = result.Serialized().Length;
        Assert.True(length < MaxResultLength, $"the serialized result is {length} UTF-16 code units");
    }

    private static readonly JsonSerializerOptions Unescaped = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string CodePointSlice(string text, int start, int end) =>
        string.Concat(text.EnumerateRunes().Skip(start).Take(end - start).Select(r => r.ToString()));

    private static bool IsJson(string text)
    {
        try
        {
            using var _ = JsonDocument.Parse(text);
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static IEnumerable<JsonElement> Objects(JsonElement element)
    {
        if (element.ValueKind == JsonValueKind.Object)
        {
            yield return element;
            foreach (var property in element.EnumerateObject())
            {
                foreach (var inner in Objects(property.Value))
                {
                    yield return inner;
                }
            }
        }
        else if (element.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in element.EnumerateArray())
            {
                foreach (var inner in Objects(item))
                {
                    yield return inner;
                }
            }
        }
    }
}
