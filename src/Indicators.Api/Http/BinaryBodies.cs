using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace Indicators.Api.Http;

/// <summary>
/// An image or zip body is raw bytes: in OpenAPI 3.0 that is <c>format: binary</c>. (<c>Produces&lt;byte[]&gt;</c>
/// documents <c>format: byte</c>, base64 text, which a validating proxy rightly rejects for a real PNG.)
/// </summary>
internal sealed class BinaryBodies : IDocumentFilter
{
    public void Apply(OpenApiDocument document, DocumentFilterContext context)
    {
        var media = document.Paths.Values.SelectMany(p => p.Operations?.Values.AsEnumerable() ?? [])
            .SelectMany(o => o.Responses?.Values.AsEnumerable() ?? [])
            .SelectMany(r => r.Content?.Where(c => (c.Key.StartsWith("image/", StringComparison.Ordinal) && !c.Key.Contains("svg", StringComparison.Ordinal)) || c.Key == "application/zip").Select(c => c.Value) ?? []);
        foreach (var schema in media.Select(m => m.Schema).OfType<OpenApiSchema>())
        {
            if (schema is { Type: JsonSchemaType.String, Format: "byte" })
            {
                schema.Format = "binary";
            }
        }
    }
}
