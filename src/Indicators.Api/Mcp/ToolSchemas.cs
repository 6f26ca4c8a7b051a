using System.Text.Json;
using System.Text.Json.Nodes;

namespace Indicators.Api.Mcp;

/// <summary>Two touches to the schemas the SDK generates from the tools' signatures and result types.</summary>
internal static class ToolSchemas
{
    /// <summary>An input schema that refuses arguments it does not name, as the tools do (<see cref="ToolArguments"/>).</summary>
    public static JsonElement Closed(JsonElement schema)
    {
        var node = JsonNode.Parse(schema.GetRawText())!.AsObject();
        node["additionalProperties"] = false;
        return JsonSerializer.SerializeToElement(node);
    }

    /// <summary>
    /// An output schema with every "$ref" replaced by what it points at. The generator refers back to the first use of
    /// a type ("#/properties/figure/properties/unit"), which is valid but which some clients do not follow and no reader
    /// wants to: the types here are not recursive, so each can be written out where it is used.
    /// </summary>
    public static JsonElement Inlined(JsonElement schema)
    {
        var root = JsonNode.Parse(schema.GetRawText())!;
        return JsonSerializer.SerializeToElement(Inline(root, root));
    }

    private static JsonNode? Inline(JsonNode? node, JsonNode root)
    {
        switch (node)
        {
            case JsonObject obj when obj["$ref"] is JsonValue reference && reference.GetValue<string>().StartsWith("#/", StringComparison.Ordinal):
                var target = Inline(Resolve(root, reference.GetValue<string>()), root)!.AsObject();
                foreach (var (key, value) in obj)
                {
                    // The pointed-at schema wins, but for the description of this use of it ("items": {} beside a
                    // $ref adds nothing and must not replace the real items).
                    if (key != "$ref" && (key == "description" || !target.ContainsKey(key)))
                    {
                        target[key] = Inline(value?.DeepClone(), root);
                    }
                }

                return target;
            case JsonObject obj:
                var copy = new JsonObject();
                foreach (var (key, value) in obj)
                {
                    copy[key] = Inline(value, root);
                }

                return copy;
            case JsonArray array:
                return new JsonArray([.. array.Select(item => Inline(item, root))]);
            default:
                return node?.DeepClone();
        }
    }

    private static JsonNode Resolve(JsonNode root, string pointer)
    {
        var node = root;
        foreach (var segment in pointer[2..].Split('/'))
        {
            var name = segment.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
            node = node is JsonArray array ? array[int.Parse(name, System.Globalization.CultureInfo.InvariantCulture)]! : node[name]
                ?? throw new InvalidOperationException($"The schema's $ref {pointer} points at nothing.");
        }

        return node;
    }
}
