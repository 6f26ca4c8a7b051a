using System.Globalization;
using System.Text.Json;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace Indicators.Api.Mcp;

/// <summary>
/// Checks a tools/call's arguments against the input schema the tool publishes, before the SDK binds them: a missing,
/// unknown or mistyped argument would otherwise fail inside the binder and reach the client as "An error occurred
/// invoking …". Here each becomes a sentence that names the argument and says what to send (see <see cref="ToolErrors"/>).
/// The schemas are ours and use a small set of keywords (type, enum, minimum, maximum, minItems, maxItems, items), so
/// this reads those rather than running a general validator whose messages name schema keywords instead of arguments.
/// </summary>
internal static class ToolArguments
{
    /// <summary>What is wrong with the arguments, one sentence each; empty when they fit the schema.</summary>
    public static List<string> Problems(JsonElement schema, IDictionary<string, JsonElement>? arguments)
    {
        arguments ??= new Dictionary<string, JsonElement>();
        var problems = new List<string>();
        var properties = schema.TryGetProperty("properties", out var declared) ? declared : default;
        var names = properties.ValueKind == JsonValueKind.Object ? properties.EnumerateObject().Select(p => p.Name).ToList() : [];

        foreach (var name in arguments.Keys.Where(n => !names.Contains(n, StringComparer.Ordinal)).Order(StringComparer.Ordinal))
        {
            problems.Add($"There is no argument '{McpReads.Shown(name)}': this tool takes {(names.Count == 0 ? "none" : string.Join(", ", names))}.");
        }

        if (schema.TryGetProperty("required", out var required))
        {
            foreach (var name in required.EnumerateArray().Select(r => r.GetString()!))
            {
                if (!arguments.TryGetValue(name, out var value) || value.ValueKind == JsonValueKind.Null)
                {
                    problems.Add($"'{name}' is required: {Expected(properties.GetProperty(name))}.");
                }
            }
        }

        foreach (var (name, value) in arguments.OrderBy(a => a.Key, StringComparer.Ordinal))
        {
            if (!names.Contains(name, StringComparer.Ordinal))
            {
                continue;
            }

            var property = properties.GetProperty(name);
            if (value.ValueKind == JsonValueKind.Null)
            {
                // A required one sent as null is reported above; an optional one may be null only where its type says so.
                if (!AllowsNull(property) && !IsRequired(schema, name))
                {
                    problems.Add($"'{name}' must be {Expected(property)}, or left out; got null.");
                }
            }
            else if (!Fits(property, value))
            {
                problems.Add($"'{name}' must be {Expected(property)}; got {Shown(value)}.");
            }
        }

        return problems;
    }

    private static bool IsRequired(JsonElement schema, string name) =>
        schema.TryGetProperty("required", out var required) && required.EnumerateArray().Any(r => r.GetString() == name);

    private static bool Fits(JsonElement property, JsonElement value)
    {
        var types = Types(property);
        var fits = value.ValueKind switch
        {
            JsonValueKind.String => types.Contains("string"),
            JsonValueKind.True or JsonValueKind.False => types.Contains("boolean"),
            // Integers are bound to int: 10.0 or 1e400 would fail the binder, so only whole int32 values fit.
            JsonValueKind.Number => types.Contains("number") && double.IsFinite(value.GetDouble()) || types.Contains("integer") && value.TryGetInt32(out _),
            JsonValueKind.Array => types.Contains("array"),
            JsonValueKind.Object => types.Contains("object"),
            _ => false,
        };
        if (!fits)
        {
            return false;
        }

        if (property.TryGetProperty("enum", out var allowed) && !allowed.EnumerateArray().Any(a => JsonElement.DeepEquals(a, value)))
        {
            return false;
        }

        if (value.ValueKind == JsonValueKind.Number)
        {
            var number = value.GetDouble();
            if (property.TryGetProperty("minimum", out var minimum) && number < minimum.GetDouble()
                || property.TryGetProperty("maximum", out var maximum) && number > maximum.GetDouble())
            {
                return false;
            }
        }

        if (value.ValueKind == JsonValueKind.Array)
        {
            var count = value.GetArrayLength();
            if (property.TryGetProperty("minItems", out var minItems) && count < minItems.GetInt32()
                || property.TryGetProperty("maxItems", out var maxItems) && count > maxItems.GetInt32())
            {
                return false;
            }

            if (property.TryGetProperty("items", out var items) && !value.EnumerateArray().All(item => Fits(items, item)))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>What an argument takes, in words: "an integer from 1 to 25", "one of \"apa\", \"bibtex\"".</summary>
    private static string Expected(JsonElement property)
    {
        if (property.TryGetProperty("enum", out var allowed))
        {
            return "one of " + string.Join(", ", allowed.EnumerateArray().Where(a => a.ValueKind != JsonValueKind.Null).Select(a => a.GetRawText()));
        }

        var types = Types(property);
        var range = Range(property, "minimum", "maximum");
        if (types.Contains("integer"))
        {
            return "an integer" + (range is null ? "" : " " + range);
        }

        if (types.Contains("number"))
        {
            return "a number" + (range is null ? "" : " " + range);
        }

        if (types.Contains("boolean"))
        {
            return "true or false";
        }

        if (types.Contains("array"))
        {
            var items = property.TryGetProperty("items", out var item) ? Expected(item) : "values";
            var count = Range(property, "minItems", "maxItems");
            return $"an array{(count is null ? "" : " of " + count.Replace("from ", "", StringComparison.Ordinal))} items, each {items}";
        }

        var description = property.TryGetProperty("description", out var said) ? said.GetString() : null;
        return description is null ? "a string" : $"a string; {char.ToLowerInvariant(description[0])}{description[1..].TrimEnd('.')}";
    }

    private static string? Range(JsonElement property, string low, string high) =>
        (property.TryGetProperty(low, out var min), property.TryGetProperty(high, out var max)) switch
        {
            (true, true) => $"from {Number(min)} to {Number(max)}",
            (true, false) => $"of at least {Number(min)}",
            (false, true) => $"of at most {Number(max)}",
            _ => null,
        };

    private static string Number(JsonElement number) => number.GetDouble().ToString(CultureInfo.InvariantCulture);

    private static bool AllowsNull(JsonElement property) => Types(property).Contains("null");

    private static HashSet<string> Types(JsonElement property) => !property.TryGetProperty("type", out var type)
        ? ["string", "number", "integer", "boolean", "array", "object", "null"]
        : type.ValueKind == JsonValueKind.Array
            ? type.EnumerateArray().Select(t => t.GetString()!).ToHashSet(StringComparer.Ordinal)
            : [type.GetString()!];

    /// <summary>The value sent, as JSON, cut short: a message never carries much of what a client sent back.</summary>
    private static string Shown(JsonElement value)
    {
        var raw = value.GetRawText();
        return raw.Length <= 40 ? raw : raw[..40] + "…";
    }
}
