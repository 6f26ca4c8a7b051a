using System.Buffers;

namespace Indicators.Api.Http;

/// <summary>
/// One id per request, for a client's bug report and our logs: the caller's <c>X-Request-Id</c> when it is a
/// short plain token, else the server's own. It is echoed in the X-Request-Id response header, is the
/// <c>traceId</c> of every problem body, and is the RequestId of the request's log lines.
/// </summary>
internal static class RequestIds
{
    public const string Header = "X-Request-Id";
    private const int MaxLength = 128;
    private static readonly SearchValues<char> Allowed =
        SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.:");

    /// <summary>
    /// JSON log lines with their scopes (the request id among them) wherever output is redirected, as in a
    /// deployment; plain text lines for a person at a terminal (`dotnet run`), who first needs to read the
    /// address the service listens on. The id is every problem's traceId either way.
    /// </summary>
    public static WebApplicationBuilder AddRequestIds(this WebApplicationBuilder builder)
    {
        if (Console.IsOutputRedirected)
        {
            builder.Logging.AddJsonConsole(options =>
            {
                options.IncludeScopes = true;
                options.UseUtcTimestamp = true;
                options.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";
            });
        }
        else
        {
            builder.Logging.AddSimpleConsole(options =>
            {
                options.SingleLine = true;
                options.IncludeScopes = false;
                options.TimestampFormat = "HH:mm:ss ";
            });
        }

        builder.Services.Configure<ProblemDetailsOptions>(options =>
            options.CustomizeProblemDetails += context => context.ProblemDetails.Extensions["traceId"] = context.HttpContext.TraceIdentifier);
        return builder;
    }

    public static WebApplication UseRequestIds(this WebApplication app)
    {
        if (PipelineStages.IsOff(app, PipelineStages.RequestIds))
        {
            return app;
        }

        app.UseMiddleware<RequestIdMiddleware>();
        return app;
    }

    /// <summary>The caller's id, when it is one we can echo safely; else null.</summary>
    internal static string? Sent(HttpRequest request) =>
        request.Headers[Header] is { Count: 1 } sent && sent[0] is { Length: > 0 and <= MaxLength } id && !id.AsSpan().ContainsAnyExcept(Allowed)
            ? id
            : null;
}

/// <summary>
/// Adopts the caller's id and echoes the request's id. A class with a synchronous common path: it runs on
/// every request, and the async frame and per-request logger lookup of a lambda showed in the profile (bench/).
/// </summary>
internal sealed class RequestIdMiddleware(RequestDelegate next, ILoggerFactory loggers)
{
    private readonly ILogger _logger = loggers.CreateLogger(typeof(RequestIds).FullName!);

    public Task InvokeAsync(HttpContext context)
    {
        context.Response.OnStarting(static state =>
        {
            var http = (HttpContext)state;
            http.Response.Headers[RequestIds.Header] = http.TraceIdentifier;
            return Task.CompletedTask;
        }, context);
        if (RequestIds.Sent(context.Request) is not { } id)
        {
            return next(context);
        }

        context.TraceIdentifier = id;
        return WithScopeAsync(context, id);
    }

    // The host's own log scope captured the server's id before this ran; this scope carries the caller's.
    private async Task WithScopeAsync(HttpContext context, string id)
    {
        using var scope = _logger.BeginScope(new Dictionary<string, object> { ["RequestId"] = id });
        await next(context);
    }
}
