using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace Indicators.Api.Mcp;

/// <summary>
/// /mcp answers POST only (405 with Allow: POST otherwise: stateless, there is no GET stream to open), and reads a body
/// of at most <see cref="McpOptions.MaxRequestBodyBytes"/>: the body is read here, before the SDK sees it, so an
/// oversized one is a 413 problem rather than the exception Kestrel's own limit raises inside the SDK (a 500).
/// It runs after the rate limiter, so a client over its limit has its body refused unread.
/// </summary>
internal sealed class McpRequestGuard(RequestDelegate next, IOptions<McpOptions> options)
{
    private readonly int _maxBody = options.Value.MaxRequestBodyBytes;

    public Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        if (!McpSetup.IsEndpoint(request))
        {
            return next(context);
        }

        if (!HttpMethods.IsPost(request.Method))
        {
            context.Response.Headers.Allow = HttpMethods.Post;
            return McpProblems.WriteAsync(context, StatusCodes.Status405MethodNotAllowed, "Method not allowed",
                "/mcp is the Model Context Protocol endpoint (streamable HTTP, stateless): send JSON-RPC requests with POST. There is no GET stream.",
                "https://tools.ietf.org/html/rfc9110#section-15.5.6");
        }

        return request.ContentLength > _maxBody ? TooLargeAsync(context) : BufferedAsync(context);
    }

    private async Task BufferedAsync(HttpContext context)
    {
        var request = context.Request;
        var body = new MemoryStream();
        var buffer = new byte[8192];
        try
        {
            int read;
            while ((read = await request.Body.ReadAsync(buffer, context.RequestAborted)) > 0)
            {
                if (body.Length + read > _maxBody)
                {
                    await TooLargeAsync(context);
                    return;
                }

                body.Write(buffer, 0, read);
            }
        }
        catch (BadHttpRequestException bad) when (bad.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            // Kestrel's own limit (Limits.cs) on a chunked body, met before this one.
            await TooLargeAsync(context);
            return;
        }

        body.Position = 0;
        request.Body = body;
        request.ContentLength = body.Length;
        // The whole body is in memory now; Kestrel's limit on reading it no longer applies.
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = null;
        }

        await next(context);
    }

    private Task TooLargeAsync(HttpContext context)
    {
        // The rest of the body is not read; the connection closes after the answer rather than draining it.
        context.Response.Headers.Connection = "close";
        return McpProblems.WriteAsync(context, StatusCodes.Status413PayloadTooLarge, "Request body too large",
            $"A request to /mcp may have a body of at most {_maxBody} bytes; a JSON-RPC call to these tools needs a few hundred.",
            "https://tools.ietf.org/html/rfc9110#section-15.5.14");
    }
}
