using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace Indicators.Api.Http;

/// <summary>
/// Marks a route whose path already names a value that its shared request record also offers as a query filter
/// (<c>/v1/indicators/{code}/observations</c> and <c>indicator</c>): the filter is not part of that route's
/// contract, so the document leaves it out and a request that sends it anyway gets a 400 naming it.
/// </summary>
internal sealed record FilterInPath(string QueryParameter)
{
    /// <summary>The 400 for a request that names in its query what the path already names.</summary>
    public ValidationProblem Problem() => TypedResults.ValidationProblem(
        new Dictionary<string, string[]>
        {
            [QueryParameter] = [$"This path already names the {QueryParameter}; leave out the '{QueryParameter}' parameter."],
        },
        title: "One or more query parameters are invalid.",
        detail: $"Invalid parameter(s): {QueryParameter}.");
}

/// <summary>Leaves out of an operation the query filters its path names (see <see cref="FilterInPath"/>).</summary>
internal sealed class FiltersInPathDocument : IOperationFilter
{
    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        var inPath = context.ApiDescription.ActionDescriptor.EndpointMetadata.OfType<FilterInPath>().Select(f => f.QueryParameter).ToHashSet();
        if (inPath.Count == 0 || operation.Parameters is null)
        {
            return;
        }

        foreach (var parameter in operation.Parameters.Where(p => p.In == ParameterLocation.Query && p.Name is not null && inPath.Contains(p.Name)).ToList())
        {
            operation.Parameters.Remove(parameter);
        }
    }
}
