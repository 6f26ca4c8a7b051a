using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace Indicators.Api.Http;

/// <summary>
/// Tells clients (and linters) how long text parameters may be: ids and codes are slugs of at most 100
/// characters (the import's rule), the cursor at most 64 characters of base64url. A longer or different
/// value is answered as any unknown one: 400 for a filter, 404 for a path.
/// </summary>
internal sealed class ParameterLimits : IOperationFilter
{
    private const string Slug = "^[a-z0-9]+(-[a-z0-9]+)*$";

    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        foreach (var parameter in operation.Parameters?.OfType<OpenApiParameter>() ?? [])
        {
            if (parameter.Schema is not OpenApiSchema { Type: JsonSchemaType.String, Enum: null or { Count: 0 } } schema)
            {
                continue;
            }

            (schema.MaxLength, schema.Pattern) = parameter.Name switch
            {
                "cursor" => (64, "^[A-Za-z0-9_-]+$"),
                "id" or "code" or "indicator" or "entity" or "counterpart" or "source" => (100, Slug),
                _ => (schema.MaxLength ?? 200, schema.Pattern),
            };
        }
    }
}
