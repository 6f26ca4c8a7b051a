using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace Indicators.Api.Http;

/// <summary>
/// A nullable property of an object type (counterpart, citation) cannot be a plain $ref in OpenAPI 3.0, and
/// allOf + nullable still rejects null in validators (the referenced schema is checked against the null).
/// So such a property is written inline, as a nullable object with the referenced schema's members, which
/// validators (Prism, Redocly) accept with the null the service sends.
/// </summary>
internal sealed class NullableReferences : IDocumentFilter
{
    public void Apply(OpenApiDocument document, DocumentFilterContext context)
    {
        var schemas = document.Components?.Schemas;
        if (schemas is null)
        {
            return;
        }

        var inlined = new HashSet<string>();
        foreach (var property in schemas.Values.SelectMany(s => s.Properties?.Values.AsEnumerable() ?? []).OfType<OpenApiSchema>())
        {
            if (property is { AllOf: [OpenApiSchemaReference reference], Type: JsonSchemaType.Null }
                && reference.Reference.Id is { } id && schemas.TryGetValue(id, out var target))
            {
                property.AllOf = null;
                property.Type = JsonSchemaType.Object | JsonSchemaType.Null;
                property.Properties = target.Properties is null ? null : new Dictionary<string, IOpenApiSchema>(target.Properties);
                property.Required = target.Required is null ? null : new HashSet<string>(target.Required);
                property.AdditionalPropertiesAllowed = target.AdditionalPropertiesAllowed;
                inlined.Add(id);
            }
        }

        // A schema that was only used by such properties is now referenced by nothing.
        var used = new HashSet<string>();
        var roots = schemas.Values
            .Concat(document.Paths.Values.SelectMany(p => p.Operations?.Values.AsEnumerable() ?? [])
                .SelectMany(o => (o.Responses?.Values.AsEnumerable() ?? []).SelectMany(r => r.Content?.Values.AsEnumerable() ?? []).Select(m => m.Schema)
                    .Concat((o.Parameters ?? []).Select(p => p.Schema))))
            .Concat((document.Components?.Responses?.Values.AsEnumerable() ?? []).SelectMany(r => r.Content?.Values.AsEnumerable() ?? []).Select(m => m.Schema));
        foreach (var root in roots)
        {
            CollectReferences(root, used, depth: 0);
        }

        foreach (var id in inlined.Where(id => !used.Contains(id)))
        {
            schemas.Remove(id);
        }
    }

    private static void CollectReferences(IOpenApiSchema? schema, HashSet<string> used, int depth)
    {
        if (schema is null || depth > 32)
        {
            return;
        }

        if (schema is OpenApiSchemaReference { Reference.Id: { } id })
        {
            used.Add(id);
            return;
        }

        foreach (var child in (schema.Properties?.Values.AsEnumerable() ?? []).Concat(schema.AllOf ?? []).Concat(schema.AnyOf ?? []).Concat(schema.OneOf ?? [])
                     .Append(schema.Items).Append(schema.AdditionalProperties))
        {
            CollectReferences(child, used, depth + 1);
        }
    }
}
