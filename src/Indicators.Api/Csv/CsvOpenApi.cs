using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace Indicators.Api.Csv;

/// <summary>Documents CSV on the routes that answer it: the format parameter and the text/csv response.</summary>
internal sealed class CsvOpenApi : IOperationFilter
{
    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        var metadata = context.ApiDescription.ActionDescriptor.EndpointMetadata.OfType<CsvMetadata>().FirstOrDefault();
        if (metadata is null)
        {
            return;
        }

        operation.Parameters ??= [];
        operation.Parameters.Add(new OpenApiParameter
        {
            Name = ResponseFormats.FormatParameter,
            In = ParameterLocation.Query,
            Description = metadata.CsvOnly
                ? "Optional; only csv is accepted here."
                : "json (the default) or csv. Accept: text/csv asks for CSV too; a plain link can use this instead.",
            Example = System.Text.Json.Nodes.JsonValue.Create("csv"),
            Schema = new OpenApiSchema
            {
                Type = JsonSchemaType.String,
                Enum = (metadata.CsvOnly ? ["csv"] : new[] { "json", "csv" })
                    .Select(v => (System.Text.Json.Nodes.JsonNode)System.Text.Json.Nodes.JsonValue.Create(v)).ToList(),
            },
        });

        if (operation.Responses?.TryGetValue("200", out var ok) is true && ok.Content is { } content)
        {
            if (metadata.CsvOnly)
            {
                content.Clear();
            }

            content[ResponseFormats.CsvMediaType] = new OpenApiMediaType
            {
                Schema = new OpenApiSchema { Type = JsonSchemaType.String, Description = "RFC 4180 CSV with a header row." },
            };
        }
    }
}

internal static class CsvServices
{
    public static IServiceCollection AddCsvResponses(this IServiceCollection services)
    {
        services.ConfigureSwaggerGen(options => options.OperationFilter<CsvOpenApi>());
        return services;
    }
}
