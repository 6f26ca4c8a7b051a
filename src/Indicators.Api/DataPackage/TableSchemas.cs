using System.Text.Json.Nodes;
using Indicators.Api.Observations;

namespace Indicators.Api.DataPackage;

/// <summary>A Table Schema field: its type, format, constraints and what it holds.</summary>
internal sealed record SchemaField(string Type, string Description, bool Required = false, IReadOnlyList<string>? Enum = null, string? Format = null, int? Minimum = null);

/// <summary>
/// The Table Schema of every CSV column the API writes (Table Schema v1: string missingValues and enum constraints,
/// not v2 categories, so v1 readers such as the datapackage npm package read it). An empty cell is a missing value,
/// as the API writes null. A column the CSV gains must be described here; a test fails until it is.
/// </summary>
internal static class TableSchemas
{
    public static readonly IReadOnlyDictionary<string, SchemaField> Observation = new Dictionary<string, SchemaField>
    {
        ["id"] = new("string", "Stable id; the figure's permalink is /v1/observations/{id}.", Required: true),
        ["indicator"] = new("string", "What the figure measures (indicators.code).", Required: true),
        ["indicatorName"] = new("string", "The indicator's name.", Required: true),
        ["entity"] = new("string", "Who or what the figure is about (entities.code).", Required: true),
        ["entityName"] = new("string", "The entity's name.", Required: true),
        ["counterpart"] = new("string", "The other party of a bilateral figure (entities.code); empty when there is none."),
        ["counterpartName"] = new("string", "The counterpart's name; empty when there is none."),
        ["periodLabel"] = new("string", "The period in words close to the source's (since 2012, past 20 years (2004–2024)).", Required: true),
        ["startYear"] = new("integer", "First year of the period; empty where the text gives none."),
        ["endYear"] = new("integer", "Last year of the period; empty where the text gives none or leaves it open (since 2012)."),
        ["periodInferred"] = new("boolean", "true when the years were worked out from context (note says how), not written beside the figure.", Required: true),
        ["statedOn"] = new("date", "The source's publication date; empty where the source is undated."),
        ["value"] = new("number", "The number as the text states it, in unit times unitScale (126 for \"126 trillion yuan\").", Required: true),
        ["unit"] = new("string", "The unit: a currency code (CNY, USD), percent, pp, hours, people, count ...", Required: true),
        ["unitScale"] = new("number", "The multiplier the value is stated in (1000000000000 for trillion).", Required: true),
        ["unitLabel"] = new("string", "The unit as a reader says it (trillion yuan).", Required: true),
        ["qualifier"] = new("string", "How the text qualifies the figure; with lower and upper, what it claims (README table).", Required: true, Enum: Vocabulary.Qualifiers),
        ["qualifierText"] = new("string", "The source's own qualifying words (exceeded, nearly, within, as high as); empty for an unqualified figure."),
        ["lower"] = new("number", "The lowest value the figure allows; empty when the qualifier sets none."),
        ["lowerInclusive"] = new("boolean", "Whether lower itself is possible; empty without a lower bound."),
        ["upper"] = new("number", "The highest value the figure allows; empty when the qualifier sets none."),
        ["upperInclusive"] = new("boolean", "Whether upper itself is possible; empty without an upper bound."),
        ["kind"] = new("string", "actual, target, plan, capacity, in-progress (under construction) or derived (computed by this service).", Required: true, Enum: Vocabulary.Kinds),
        ["source"] = new("string", "The source document quoted (sources.id); empty for a derived figure."),
        ["quote"] = new("string", "The exact span of the source text that states the figure; empty for a derived figure."),
        ["start"] = new("integer", "Offset of the quote's first character, in Unicode code points, into the source's text.", Minimum: 0),
        ["end"] = new("integer", "Offset just past the quote's last character: text[start:end] is the quote.", Minimum: 0),
        ["url"] = new("string", "The source text's URL with an RFC 5147 fragment for the quote.", Format: "uri"),
        ["page"] = new("string", "The source's page for readers, anchored at the quote.", Format: "uri"),
        ["note"] = new("string", "The curator's reasoning where a choice was made; for a derived figure, the reasoning behind its formula and bound."),
        ["formula"] = new("string", "For a derived figure, its arithmetic over [observation-id] inputs; empty for a stated figure."),
        ["inputs"] = new("string", "For a derived figure, the ids of its inputs, space-separated; empty for a stated figure."),
    };

    public static readonly IReadOnlyDictionary<string, SchemaField> Indicator = new Dictionary<string, SchemaField>
    {
        ["code"] = new("string", "The code used in URLs and filters.", Required: true),
        ["name"] = new("string", "The human name.", Required: true),
        ["unit"] = new("string", "The usual unit's code; each figure's own unit is authoritative.", Required: true),
        ["unitScale"] = new("number", "The usual unit's multiplier.", Required: true),
        ["unitLabel"] = new("string", "The usual unit as a reader says it.", Required: true),
        ["topic"] = new("string", "A broad subject for grouping.", Required: true),
        ["description"] = new("string", "What exactly is measured.", Required: true),
        ["observationCount"] = new("integer", "How many stated figures the indicator has.", Required: true, Minimum: 0),
    };

    public static readonly IReadOnlyDictionary<string, SchemaField> Entity = new Dictionary<string, SchemaField>
    {
        ["code"] = new("string", "The code used in URLs and filters.", Required: true),
        ["name"] = new("string", "The human name.", Required: true),
        ["type"] = new("string", "country, group, world or project.", Required: true, Enum: Vocabulary.EntityTypes),
        ["description"] = new("string", "What the entity is.", Required: true),
        ["observationCount"] = new("integer", "How many stated figures are about the entity.", Required: true, Minimum: 0),
    };

    public static readonly IReadOnlyDictionary<string, SchemaField> Source = new Dictionary<string, SchemaField>
    {
        ["id"] = new("string", "The source id used in citations and filters.", Required: true),
        ["title"] = new("string", "The document's title as it stands in the text.", Required: true),
        ["standfirst"] = new("string", "The line under the title; empty where there is none."),
        ["author"] = new("string", "The author where the text names one."),
        ["publishedOn"] = new("date", "The publication date where the text gives one."),
        ["publisher"] = new("string", "The publisher where the text names one."),
        ["url"] = new("string", "The original URL where the text gives one.", Format: "uri"),
        ["licence"] = new("string", "The licence of the source text where the text states one: the text's own, not this dataset's (the texts remain their authors'; CC BY 4.0 does not cover them)."),
        ["textUrl"] = new("string", "The full text, byte for byte, that quote offsets index into.", Required: true, Format: "uri"),
        ["length"] = new("integer", "The text's length in Unicode code points.", Required: true, Minimum: 0),
        ["observationCount"] = new("integer", "How many stated figures cite the source.", Required: true, Minimum: 0),
        ["alsoPublishedIn"] = new("string", "Where else the same text was published (URLs, space-separated), as curators established outside the text; empty when none is known."),
    };

    /// <summary>The last column of every CSV: the release the rows were read from.</summary>
    private static readonly SchemaField Release = new("string", "The dataset release the row was read from (an id from /v1/releases): the same on every row of one download.", Required: true);

    public static IReadOnlyDictionary<string, SchemaField> For(string table) => table switch
    {
        "observations" or "derived" => Observation,
        "indicators" => Indicator,
        "entities" => Entity,
        _ => Source,
    };

    /// <summary>The Table Schema of a table, fields in CSV column order.</summary>
    public static JsonObject Schema(PackageTable table)
    {
        var fields = For(table.Name);
        var list = new JsonArray();
        foreach (var column in table.Columns)
        {
            var field = column == Csv.CsvRows.ReleaseColumn ? Release : fields.TryGetValue(column, out var known)
                ? known
                : new SchemaField("string", "A column this schema does not describe yet.");
            var constraints = new JsonObject();
            if (field.Required || column == table.PrimaryKey)
            {
                constraints["required"] = true;
            }

            if (column == table.PrimaryKey)
            {
                constraints["unique"] = true;
            }

            if (field.Enum is { } values)
            {
                constraints["enum"] = new JsonArray(values.Select(v => (JsonNode)JsonValue.Create(v)!).ToArray());
            }

            if (field.Minimum is { } minimum)
            {
                constraints["minimum"] = minimum;
            }

            var json = new JsonObject { ["name"] = column, ["type"] = field.Type, ["description"] = field.Description };
            if (field.Format is not null)
            {
                json["format"] = field.Format;
            }

            if (constraints.Count > 0)
            {
                json["constraints"] = constraints;
            }

            list.Add(json);
        }

        var schema = new JsonObject
        {
            ["fields"] = list,
            ["missingValues"] = new JsonArray(""),
            ["primaryKey"] = table.PrimaryKey,
        };
        if (table.ForeignKeys.Count > 0)
        {
            schema["foreignKeys"] = new JsonArray(table.ForeignKeys.Select(k => (JsonNode)new JsonObject
            {
                ["fields"] = k.Field,
                ["reference"] = new JsonObject { ["resource"] = k.Resource, ["fields"] = k.ReferencedField },
            }).ToArray());
        }

        return schema;
    }
}
