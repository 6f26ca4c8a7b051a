using System.Text.Json;
using System.Text.Json.Nodes;

namespace Indicators.Api.Citations;

/// <summary>
/// CSL-JSON, the input of citeproc (Zotero, Pandoc): an array holding one item. The author is a
/// "literal" name because the source prints it family name first and does not mark which part is which.
/// </summary>
internal static class CslJson
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static string Write(CitedWork work)
    {
        var item = new JsonObject
        {
            ["id"] = work.Key,
            ["type"] = work.Type,
            ["title"] = work.Title,
        };
        if (work.Author is not null)
        {
            item["author"] = new JsonArray(new JsonObject { ["literal"] = work.Author });
        }

        if (work.Published is { } published)
        {
            item["issued"] = DateParts(published);
        }

        if (work.Publisher is not null)
        {
            item["publisher"] = work.Publisher;
        }

        if (work.Version is not null)
        {
            item["version"] = work.Version;
        }

        if (work.Licence is not null)
        {
            item["license"] = work.Licence;
        }

        item["URL"] = work.Url;
        if (work.Notes(licence: false).ToList() is { Count: > 0 } notes)
        {
            item["note"] = string.Join("\n", notes);
        }

        item["accessed"] = DateParts(work.Accessed);
        return new JsonArray(item).ToJsonString(Indented) + "\n";
    }

    private static JsonObject DateParts(DateOnly date) =>
        new() { ["date-parts"] = new JsonArray(new JsonArray(date.Year, date.Month, date.Day)) };
}
