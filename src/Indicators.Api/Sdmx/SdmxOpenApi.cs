using System.Text.Json.Nodes;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace Indicators.Api.Sdmx;

/// <summary>The SDMX routes' parameters as the contract: their closed vocabularies as enums, counts and periods by their forms.</summary>
internal sealed class SdmxOpenApi : IOperationFilter
{
    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        if (operation.Tags?.Any(t => t.Name == SdmxEndpoints.Tag) is not true)
        {
            return;
        }

        var data = context.ApiDescription.RelativePath?.StartsWith("sdmx/2.1/data/", StringComparison.Ordinal) is true;
        foreach (var parameter in operation.Parameters?.OfType<OpenApiParameter>() ?? [])
        {
            parameter.Schema = parameter.Name switch
            {
                "startPeriod" or "endPeriod" => new OpenApiSchema
                {
                    Type = JsonSchemaType.String, MaxLength = 10, Pattern = @"^[0-9]{4}(-(0[1-9]|1[0-2])(-[0-9]{2})?|-[QSA][1-4])?$",
                },
                "firstNObservations" or "lastNObservations" => new OpenApiSchema
                {
                    Type = JsonSchemaType.Integer, Format = "int32", Minimum = "1", Maximum = int.MaxValue.ToString(System.Globalization.CultureInfo.InvariantCulture),
                },
                "dimensionAtObservation" => Enumeration(SdmxStructure.Dimensions.Select(d => d.Id).Prepend(SdmxDataQuery.AllDimensions).Prepend(SdmxIds.TimeDimension)),
                "detail" => Enumeration(data ? SdmxDataQuery.Details : SdmxStructureQueries.Details),
                "format" => Enumeration(data ? SdmxFormats.DataFormatValues : SdmxFormats.StructureFormatValues),
                "references" => Enumeration(SdmxStructureQueries.References.Concat(SdmxStructureQueries.Served.Take(4))),
                _ => parameter.Schema,
            };
            if (parameter.Schema?.Type == JsonSchemaType.Integer && parameter.Example is JsonValue value && value.TryGetValue<string>(out var text)
                && int.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, out var number))
            {
                parameter.Example = JsonValue.Create(number);
            }
        }
    }

    private static OpenApiSchema Enumeration(IEnumerable<string> values) => new()
    {
        Type = JsonSchemaType.String,
        Enum = values.Select(v => (JsonNode)JsonValue.Create(v)).ToList(),
    };
}
