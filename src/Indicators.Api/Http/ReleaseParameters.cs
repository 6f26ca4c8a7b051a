using Indicators.Api.Data;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace Indicators.Api.Http;

/// <summary>
/// Documents what <see cref="HttpCaching.UseReleaseStamp"/> adds to every GET: <c>release</c> and <c>asOf</c>, which
/// pin the answer to a release, and the 400 a bad one gets. <c>changedSince</c> (on lists) takes a release id the same way.
/// </summary>
internal sealed class ReleaseParameters : IOperationFilter
{
    /// <summary>A release id, or a prefix of at least 8 of its hex digits.</summary>
    public const string IdPattern = "^[0-9a-fA-F]{8,16}$";

    private const string MomentPattern = @"^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,7})?)?(Z|[+-]\d{2}:\d{2}))?$";

    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        if (!string.Equals(context.ApiDescription.HttpMethod, "GET", StringComparison.OrdinalIgnoreCase))
        {
            return;
        }

        operation.Parameters ??= [];
        foreach (var parameter in operation.Parameters.OfType<OpenApiParameter>().Where(p => p.Name == RequestRelease.ChangedSinceParameter))
        {
            parameter.Schema = Text(16, IdPattern);
        }

        operation.Parameters.Add(new OpenApiParameter
        {
            Name = DatasetRelease.ReleaseParameter,
            In = ParameterLocation.Query,
            Description = "Answer what this release held (an id from /v1/releases or X-Dataset-Release, or at least its first 8 hex "
                          + "digits); without it (and without asOf), the current release. An unknown or malformed id is a 400 naming "
                          + "release; an answer pinned to a published release never changes, so it may be cached for a day.",
            Example = System.Text.Json.Nodes.JsonValue.Create("6232fba9f0a660cc"),
            Schema = Text(16, IdPattern),
        });
        operation.Parameters.Add(new OpenApiParameter
        {
            Name = DatasetRelease.AsOfParameter,
            In = ParameterLocation.Query,
            Description = "Answer what the release published at this moment held: a date (yyyy-MM-dd, the end of that UTC day) or a "
                          + "date-time with Z or an offset. After the last release, the current one; before the first, or together with "
                          + "release, a 400 naming the parameter.",
            Example = System.Text.Json.Nodes.JsonValue.Create("2026-11-23"),
            Schema = Text(35, MomentPattern),
        });

        operation.Responses ??= new OpenApiResponses();
        if (!operation.Responses.ContainsKey("400"))
        {
            operation.Responses["400"] = new OpenApiResponse
            {
                Description = "release or asOf names no release (malformed, unknown, before the first release, or both given).",
                Content = new Dictionary<string, IOpenApiMediaType>
                {
                    ["application/problem+json"] = new OpenApiMediaType
                    {
                        Schema = new OpenApiSchemaReference("HttpValidationProblemDetails", context.Document),
                    },
                },
            };
        }
    }

    private static OpenApiSchema Text(int maxLength, string pattern) => new()
    {
        Type = JsonSchemaType.String,
        MaxLength = maxLength,
        Pattern = pattern,
    };
}
