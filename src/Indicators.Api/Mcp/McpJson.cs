using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Unicode;
using ModelContextProtocol.Protocol;

namespace Indicators.Api.Mcp;

/// <summary>
/// The JSON of tool arguments and results, and of the schemas published for them: both come from these options,
/// so a result is serialized exactly as its output schema says. Numbers are numbers only (the web defaults would
/// also read them from strings and publish every number as "string or number"); keys are camelCase, as in the REST API.
/// </summary>
internal static class McpJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.General)
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        // Source text is curly quotes and dashes: kept as they are rather than as \u2019, so what a client
        // measures and shows is the text. HTML-sensitive characters are still escaped.
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        TypeInfoResolver = new System.Text.Json.Serialization.Metadata.DefaultJsonTypeInfoResolver(),
    };

    /// <summary>A tool's answer: the structured result its output schema describes, and a short rendering in words.</summary>
    public static CallToolResult Result<T>(T structured, string text) => new()
    {
        Content = [new TextContentBlock { Text = text }],
        StructuredContent = JsonSerializer.SerializeToElement(structured, Options),
    };
}
