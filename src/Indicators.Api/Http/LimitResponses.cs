using Microsoft.AspNetCore.Mvc;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace Indicators.Api.Http;

/// <summary>
/// Every operation can meet the limits (see the document's description): 429 when one client exceeds its
/// rate, 503 when the service is saturated, a request times out or the dataset cannot be read; both say
/// when to retry. The limits come from middleware, not the endpoints, hence one shared response each.
/// </summary>
internal sealed class LimitResponses : IDocumentFilter
{
    private const string TooManyRequests = "TooManyRequests";
    private const string Unavailable = "ServiceUnavailable";

    public void Apply(OpenApiDocument document, DocumentFilterContext context)
    {
        var problem = context.SchemaGenerator.GenerateSchema(typeof(ProblemDetails), context.SchemaRepository);
        document.Components ??= new OpenApiComponents();
        document.Components.Responses ??= new Dictionary<string, IOpenApiResponse>();
        document.Components.Responses[TooManyRequests] = Problem(problem, "Too many requests from this client: wait Retry-After seconds.");
        document.Components.Responses[Unavailable] = Problem(problem, "The service is saturated, the request timed out, or the dataset cannot be read: retry after Retry-After seconds.");

        foreach (var operation in document.Paths.Values.SelectMany(p => p.Operations?.Values.AsEnumerable() ?? []))
        {
            operation.Responses ??= [];
            operation.Responses["429"] = new OpenApiResponseReference(TooManyRequests, document);
            operation.Responses["503"] = new OpenApiResponseReference(Unavailable, document);
        }
    }

    private static OpenApiResponse Problem(IOpenApiSchema problem, string description) => new()
    {
        Description = description,
        Headers = new Dictionary<string, IOpenApiHeader>
        {
            ["Retry-After"] = new OpenApiHeader
            {
                Description = "Seconds to wait before retrying.",
                Required = true,
                Schema = new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int32", Minimum = "1", Maximum = "3600" },
            },
        },
        Content = new Dictionary<string, IOpenApiMediaType>
        {
            ["application/problem+json"] = new OpenApiMediaType { Schema = problem },
        },
    };
}
