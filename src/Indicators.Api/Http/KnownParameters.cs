using Microsoft.AspNetCore.Mvc;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.Swagger;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace Indicators.Api.Http;

/// <summary>
/// Marks query parameters that a route's shared request record binds but the route does not honour (a chart's
/// path names its indicator; it has no next page to follow and no ranking to draw): the document leaves them out,
/// and <see cref="KnownParameters"/> answers them with a 400.
/// </summary>
internal sealed record QueryParametersNotTaken(IReadOnlyList<string> Names);

/// <summary>
/// One rule for query parameters, read from the OpenAPI document so the contract and the behaviour cannot drift:
/// a parameter an operation documents is honoured; a name no operation documents is ignored (cache-busters are
/// harmless); a name some operation documents but this one does not take is a 400 problem naming it, rather than
/// an answer that silently ignores it (format=csv on a single figure, indicator on a chart).
/// The SDMX routes keep SDMX's own rules and error messages.
/// </summary>
internal sealed class KnownParameters(RequestDelegate next, ISwaggerProvider swagger, IProblemDetailsService problems)
{
    private readonly Lazy<Contract> _contract = new(() => Contract.Read(swagger.GetSwagger("v1")));

    public Task InvokeAsync(HttpContext context)
    {
        if (context.Request.Query.Count == 0
            || context.GetEndpoint()?.Metadata.GetMetadata<IEndpointNameMetadata>()?.EndpointName is not { } operation
            || !_contract.Value.Taken.TryGetValue(operation, out var taken))
        {
            return next(context);
        }

        var refused = context.Request.Query.Keys
            .Where(name => _contract.Value.Known.Contains(name) && !taken.Contains(name))
            .ToList();
        if (refused.Count == 0)
        {
            return next(context);
        }

        var takes = taken.Count == 0 ? "no query parameters" : string.Join(", ", taken.Order(StringComparer.Ordinal));
        var inPath = context.GetEndpoint()?.Metadata.GetMetadata<FilterInPath>();
        var errors = refused.ToDictionary(
            name => name,
            name => new[]
            {
                inPath is not null && string.Equals(inPath.QueryParameter, name, StringComparison.OrdinalIgnoreCase)
                    ? $"This path already names the {inPath.QueryParameter}; leave out the '{name}' parameter."
                    : $"'{name}' is not a parameter of this operation, which takes {takes}.",
            },
            StringComparer.Ordinal);
        context.Response.StatusCode = StatusCodes.Status400BadRequest;
        return problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = new HttpValidationProblemDetails(errors)
            {
                Status = StatusCodes.Status400BadRequest,
                Title = "One or more query parameters are invalid.",
                Detail = $"Invalid parameter(s): {string.Join(", ", errors.Keys)}.",
                Type = "https://tools.ietf.org/html/rfc9110#section-15.5.1",
            },
        }).AsTask();
    }

    /// <summary>Per operation id, the query parameters it documents; and every name any of them documents.</summary>
    private sealed record Contract(IReadOnlySet<string> Known, IReadOnlyDictionary<string, HashSet<string>> Taken)
    {
        public static Contract Read(OpenApiDocument document)
        {
            var known = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            var taken = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
            foreach (var (path, item) in document.Paths)
            {
                if (path.StartsWith("/sdmx", StringComparison.Ordinal))
                {
                    continue;
                }

                foreach (var operation in item.Operations?.Values.AsEnumerable() ?? [])
                {
                    var names = (operation.Parameters ?? []).Where(p => p.In == ParameterLocation.Query && p.Name is not null)
                        .Select(p => p.Name!).ToHashSet(StringComparer.OrdinalIgnoreCase);
                    known.UnionWith(names);
                    if (operation.OperationId is { } id)
                    {
                        taken[id] = names;
                    }
                }
            }

            return new Contract(known, taken);
        }
    }
}

/// <summary>Leaves out of an operation's document the parameters it does not take (see <see cref="QueryParametersNotTaken"/>).</summary>
internal sealed class ParametersNotTakenDocument : IOperationFilter
{
    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        var notTaken = context.ApiDescription.ActionDescriptor.EndpointMetadata.OfType<QueryParametersNotTaken>()
            .SelectMany(n => n.Names).ToHashSet(StringComparer.Ordinal);
        if (notTaken.Count == 0 || operation.Parameters is null)
        {
            return;
        }

        foreach (var parameter in operation.Parameters.Where(p => p.In == ParameterLocation.Query && p.Name is not null && notTaken.Contains(p.Name)).ToList())
        {
            operation.Parameters.Remove(parameter);
        }
    }
}

internal static class KnownParametersExtensions
{
    /// <summary>Names the shared request record's parameters this route does not honour: undocumented here, and a 400.</summary>
    public static RouteHandlerBuilder DoesNotTake(this RouteHandlerBuilder builder, params string[] names) =>
        builder.WithMetadata(new QueryParametersNotTaken(names));

    /// <summary>After routing (the endpoint must be known), before the endpoint runs.</summary>
    public static WebApplication UseKnownParameters(this WebApplication app)
    {
        app.UseMiddleware<KnownParameters>();
        return app;
    }
}
