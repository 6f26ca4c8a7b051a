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
