using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Unicode;

namespace Indicators.Api.Pages;

/// <summary>
/// schema.org JSON-LD for a script element. Razor's @Json-style encoding would HTML-escape the quotes and
/// leave invalid JSON, so it is written as raw markup; the encoder escapes &lt;, &gt; and &amp; (\u003C ...), so
/// no value can close the script element, and keeps other non-ASCII text as it is.
/// </summary>
internal static class JsonLd
{
    private static readonly JsonSerializerOptions Options = new()
    {
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
        WriteIndented = false,
    };

    /// <summary>The curated figures' licence (the source texts remain their authors').</summary>
    public const string DataLicence = "https://creativecommons.org/licenses/by/4.0/";

    public static string Write(JsonObject value) => value.ToJsonString(Options);

    /// <summary>A schema.org Dataset with its downloads.</summary>
    public static string Dataset(
        string name, string description, string url, string? version, DateTimeOffset? modified, IEnumerable<string> measured,
        IEnumerable<(string Format, string Url)> downloads, IEnumerable<string> citations, string? license = null)
    {
        var dataset = new JsonObject
        {
            ["@context"] = "https://schema.org",
            ["@type"] = "Dataset",
            ["name"] = name,
            ["description"] = description,
            ["url"] = url,
            ["isAccessibleForFree"] = true,
            ["creator"] = new JsonObject { ["@type"] = "Organization", ["name"] = "Indicators" },
            ["variableMeasured"] = new JsonArray(measured.Select(m => (JsonNode?)JsonValue.Create(m)).ToArray()),
            ["distribution"] = new JsonArray(downloads.Select(d => (JsonNode?)new JsonObject
            {
                ["@type"] = "DataDownload",
                ["encodingFormat"] = d.Format,
                ["contentUrl"] = d.Url,
            }).ToArray()),
            ["citation"] = new JsonArray(citations.Select(c => (JsonNode?)JsonValue.Create(c)).ToArray()),
        };
        if (version is not null)
        {
            dataset["version"] = version;
        }

        if (modified is { } at)
        {
            dataset["dateModified"] = at.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture);
        }

        if (license is not null)
        {
            dataset["license"] = license;
        }

        return Write(dataset);
    }
}
