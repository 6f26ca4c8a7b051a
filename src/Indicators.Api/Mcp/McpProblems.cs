using Microsoft.Extensions.Options;

namespace Indicators.Api.Mcp;

/// <summary>The HTTP-level refusals of /mcp (403, 405, 413) are problems like every other error of the service.</summary>
internal static class McpProblems
{
    public static Task WriteAsync(HttpContext context, int status, string title, string detail, string type)
    {
        context.Response.StatusCode = status;
        return context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = { Status = status, Title = title, Detail = detail, Type = type },
        }).AsTask();
    }
}

/// <summary>
/// MCP clients open /mcp with Accept: text/event-stream alone (the GET a stateless server refuses), which the default
/// problem writer will not write for: the refusal (405, or a 429 from the rate limiter) then failed as a 500. On /mcp
/// a problem is written as JSON whatever the Accept header; the default writer still comes first everywhere else.
/// </summary>
internal sealed class McpProblemWriter(IOptions<ProblemDetailsOptions> options) : IProblemDetailsWriter
{
    public bool CanWrite(ProblemDetailsContext context) => McpSetup.IsEndpoint(context.HttpContext.Request);

    public ValueTask WriteAsync(ProblemDetailsContext context)
    {
        options.Value.CustomizeProblemDetails?.Invoke(context);
        return new ValueTask(context.HttpContext.Response.WriteAsJsonAsync(
            context.ProblemDetails, context.ProblemDetails.GetType(), options: null, contentType: "application/problem+json"));
    }
}
