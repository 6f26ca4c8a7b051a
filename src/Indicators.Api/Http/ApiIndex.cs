using Indicators.Api.Data;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Indicators.Api.Http;

/// <summary>Where everything in the API is: GET /v1.</summary>
internal sealed record ApiIndexResponse
{
    /// <summary>The API's name.</summary>
    /// <example>Indicators API</example>
    public required string Name { get; init; }

    /// <summary>The version this index describes.</summary>
    /// <example>v1</example>
    public required string Version { get; init; }

    /// <summary>The dataset release being served (see /v1/releases/latest).</summary>
    /// <example>53db9c8b12bee743</example>
    public required string? Release { get; init; }

    /// <summary>Every collection by name, as absolute URLs.</summary>
    public required IReadOnlyDictionary<string, string> Collections { get; init; }

    /// <summary>The same collections as CSV.</summary>
    public required IReadOnlyDictionary<string, string> Csv { get; init; }

    /// <summary>The OpenAPI document (JSON and YAML), the API explorer and the pages for people.</summary>
    public required IReadOnlyDictionary<string, string> Documentation { get; init; }
}

internal static class ApiIndex
{
    public static RouteGroupBuilder MapApiIndex(this RouteGroupBuilder v1)
    {
        v1.MapGet("/", Get)
            .WithName("GetApiIndex").WithSummary("The API index").WithTags("Index")
            .WithDescription("Links to every collection (JSON and CSV), the current release, the OpenAPI document and the pages.");
        return v1;
    }

    internal static Ok<ApiIndexResponse> Get(PublicUrls urls, HttpContext context)
    {
        var root = urls.Base(context.Request);
        var v1 = root + "/v1";
        return TypedResults.Ok(new ApiIndexResponse
        {
            Name = "Indicators API",
            Version = "v1",
            Release = DatasetRelease.Of(context.Request).Id,
            Collections = new Dictionary<string, string>
            {
                ["observations"] = v1 + "/observations",
                ["indicators"] = v1 + "/indicators",
                ["entities"] = v1 + "/entities",
                ["sources"] = v1 + "/sources",
                ["releases"] = v1 + "/releases",
                ["latestRelease"] = v1 + "/releases/latest",
                ["citation"] = v1 + "/citation",
            },
            Csv = new Dictionary<string, string>
            {
                ["observations"] = v1 + "/observations.csv",
                ["indicators"] = v1 + "/indicators.csv",
                ["entities"] = v1 + "/entities.csv",
                ["sources"] = v1 + "/sources.csv",
            },
            Documentation = new Dictionary<string, string>
            {
                ["openapi"] = root + "/swagger/v1/swagger.json",
                ["openapiYaml"] = root + "/swagger/v1/swagger.yaml",
                ["explorer"] = root + "/swagger",
                ["pages"] = root + "/",
            },
        });
    }
}
