using System.Text.Json.Nodes;
using Indicators.Api.Entities;
using Indicators.Api.Observations;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace Indicators.Api.Http;

/// <summary>
/// Makes the response schemas say exactly what is served, so generated clients get exact types: every property is
/// required (the JSON always has every key, null where there is no value), and a closed vocabulary is an enum
/// (a figure's qualifier and kind, an entity's type) rather than a bare string.
/// </summary>
internal sealed class ResponseSchemas : ISchemaFilter
{
    private static readonly Dictionary<(Type, string), IReadOnlyList<string>> Vocabularies = new()
    {
        [(typeof(ObservationResponse), "qualifier")] = Vocabulary.Qualifiers,
        [(typeof(ObservationResponse), "kind")] = Vocabulary.Kinds,
        [(typeof(EntityResponse), "type")] = Vocabulary.EntityTypes,
    };

    public void Apply(IOpenApiSchema schema, SchemaFilterContext context)
    {
        if (schema is not OpenApiSchema concrete || concrete.Properties is not { Count: > 0 } properties
            || context.Type.Namespace?.StartsWith("Indicators.Api", StringComparison.Ordinal) is not true)
        {
            return;
        }

        concrete.Required = new HashSet<string>(properties.Keys, StringComparer.Ordinal);
        foreach (var (name, property) in properties)
        {
            if (Vocabularies.TryGetValue((context.Type, name), out var values) && property is OpenApiSchema value)
            {
                value.Enum = values.Select(v => (JsonNode)JsonValue.Create(v)).ToList();
            }
        }
    }
}
