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

    /// <summary>JSON log lines with their scopes (the request id among them), and the id as every problem's traceId.</summary>
    public static WebApplicationBuilder AddRequestIds(this WebApplicationBuilder builder)
    {
        builder.Logging.AddJsonConsole(options =>
        {
            options.IncludeScopes = true;
            options.UseUtcTimestamp = true;
            options.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";
        });
        builder.Services.Configure<ProblemDetailsOptions>(options =>
            options.CustomizeProblemDetails += context => context.ProblemDetails.Extensions["traceId"] = context.HttpContext.TraceIdentifier);
        return builder;
    }

    public static WebApplication UseRequestIds(this WebApplication app)
    {
        app.Use(async (context, next) =>
        {
            var sent = context.Request.Headers[Header];
            var logger = context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(RequestIds).FullName!);
            IDisposable? scope = null;
            if (sent.Count == 1 && sent[0] is { Length: > 0 and <= MaxLength } id && !id.AsSpan().ContainsAnyExcept(Allowed))
            {
                context.TraceIdentifier = id;
                // The host's own log scope captured its id before this ran; this scope carries the caller's.
                scope = logger.BeginScope(new Dictionary<string, object> { ["RequestId"] = id });
            }

            context.Response.OnStarting(static state =>
            {
                var http = (HttpContext)state;
                http.Response.Headers[Header] = http.TraceIdentifier;
                return Task.CompletedTask;
            }, context);
            try
            {
                await next(context);
            }
            finally
            {
                scope?.Dispose();
            }
        });
        return app;
    }
}
