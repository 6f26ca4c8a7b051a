using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace Indicators.Api.Http;

/// <summary>
/// Documents what <see cref="ConditionalGetMiddleware"/> adds to every GET, so clients reading /swagger
/// (and the committed openapi.yaml) see the release header, the validators and the 304.
/// </summary>
internal sealed class CachingHeadersFilter : IOperationFilter
{
    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        if (!string.Equals(context.ApiDescription.HttpMethod, "GET", StringComparison.OrdinalIgnoreCase) || operation.Responses is null)
        {
            return;
        }

        foreach (var (status, response) in operation.Responses)
        {
            if (response is not OpenApiResponse concrete)
            {
                continue;
            }

            concrete.Headers ??= new Dictionary<string, IOpenApiHeader>();
            concrete.Headers[ConditionalGetMiddleware.ReleaseHeader] = Header("The dataset release this answer was read from (see /v1/releases).");
            if (status == "200")
            {
                concrete.Headers["ETag"] = Header("A strong validator: the release id, then a digest of the request. Send it back in If-None-Match.");
                concrete.Headers["Last-Modified"] = Header("When the release was built.");
                concrete.Headers["Cache-Control"] = Header("public, max-age=60 (configurable), must-revalidate.");
            }
        }

        operation.Responses["304"] = new OpenApiResponse
        {
            Description = "Not modified: If-None-Match named the current ETag (or If-Modified-Since is not before the release), so the copy the client holds is current.",
        };
    }

    private static OpenApiHeader Header(string description) => new()
    {
        Description = description,
        Schema = new OpenApiSchema { Type = JsonSchemaType.String },
    };
}
