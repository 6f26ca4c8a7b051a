using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace Indicators.Api.Pages;

/// <summary>
/// Pages are documented (tag Pages, 200 as text/html), not excluded: a client can see which URLs are pages. Their
/// errors are problem+json, or the same error as an HTML page for a browser; the document lists both media types.
/// </summary>
internal sealed class PageResponsesFilter : IOperationFilter
{
    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        if (!context.ApiDescription.ActionDescriptor.EndpointMetadata.OfType<PageProblemsMetadata>().Any() || operation.Responses is null)
        {
            return;
        }

        foreach (var (status, response) in operation.Responses)
        {
            if (status.StartsWith('4') && response is OpenApiResponse concrete && concrete.Content is { } content
                && !content.ContainsKey("text/html"))
            {
                content["text/html"] = new OpenApiMediaType
                {
                    Schema = new OpenApiSchema { Type = JsonSchemaType.String, Description = "The error as a page, for a browser (Accept ranks text/html above JSON)." },
                };
            }
        }
    }
}
