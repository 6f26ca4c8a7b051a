using Microsoft.AspNetCore.Cors.Infrastructure;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace Indicators.Api.Mcp;

/// <summary>
/// Origin validation for /mcp, which the SDK does not do: a request with an Origin that is not allowed is refused
/// (403) before anything else reads it, CORS preflights included; a request without one is served. It runs before
/// the CORS middleware, so a refused origin never gets an Access-Control-Allow-Origin header.
/// </summary>
internal sealed class McpOriginCheck(RequestDelegate next, IOptions<McpOptions> options)
{
    private readonly HashSet<string> _allowed = McpOrigins.Normalized(options.Value.AllowedOrigins);

    public Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        if (!McpSetup.IsEndpoint(request) || !request.Headers.TryGetValue(HeaderNames.Origin, out var origins)
            || origins.Count == 1 && _allowed.Contains(origins[0]!.TrimEnd('/')))
        {
            return next(context);
        }

        // The origin is not echoed: it is the caller's text, and a page that sent it knows it.
        return McpProblems.WriteAsync(context, StatusCodes.Status403Forbidden, "Origin not allowed",
            "Requests to /mcp from a web page are served only from the origins this service's operator allows (Mcp:AllowedOrigins). " +
            "MCP clients that are not browsers send no Origin header and are served.",
            "https://modelcontextprotocol.io/specification/2025-11-25/basic/transports#security-warning");
    }
}

/// <summary>
/// The CORS policy by path: /mcp gets the allowed origins with POST and the MCP request headers; every other path the
/// public read policy (any origin, GET and HEAD). The CORS middleware runs before routing, so an endpoint's own policy
/// (RequireCors) would never be seen; the policy is chosen here, by the request's path, instead.
/// </summary>
internal sealed class McpCorsPolicyProvider(IOptions<CorsOptions> cors, IOptions<McpOptions> mcp) : ICorsPolicyProvider
{
    private readonly DefaultCorsPolicyProvider _default = new(cors);

    private readonly CorsPolicy _mcp = new CorsPolicyBuilder()
        .WithOrigins([.. McpOrigins.Normalized(mcp.Value.AllowedOrigins)])
        .WithMethods(HttpMethods.Post)
        .WithHeaders(HeaderNames.ContentType, HeaderNames.Accept, "MCP-Protocol-Version", "Mcp-Method", "Mcp-Name", "Last-Event-ID")
        .WithExposedHeaders(HeaderNames.RetryAfter, "X-Request-Id", "X-Dataset-Release")
        .Build();

    public Task<CorsPolicy?> GetPolicyAsync(HttpContext context, string? policyName) =>
        McpSetup.IsEndpoint(context.Request) ? Task.FromResult<CorsPolicy?>(_mcp) : _default.GetPolicyAsync(context, policyName);
}

internal static class McpOrigins
{
    /// <summary>Origins as browsers send them: scheme://host[:port], no path, no trailing slash (compared without case).</summary>
    public static HashSet<string> Normalized(IEnumerable<string> origins) =>
        origins.Where(o => !string.IsNullOrWhiteSpace(o)).Select(o => o.Trim().TrimEnd('/')).ToHashSet(StringComparer.OrdinalIgnoreCase);
}
