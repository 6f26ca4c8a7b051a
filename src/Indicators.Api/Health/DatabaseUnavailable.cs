using Microsoft.AspNetCore.Diagnostics;
using Microsoft.Data.Sqlite;

namespace Indicators.Api.Health;

/// <summary>
/// A database that cannot be read (corrupt, truncated, missing) is the service being unavailable, not a bug
/// in the request: a 503 problem with Retry-After, the reason in the log and never a stack trace to clients.
/// </summary>
internal sealed class DatabaseUnavailable(IProblemDetailsService problems, ILogger<DatabaseUnavailable> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not SqliteException sqlite)
        {
            return false;
        }

        logger.LogError(exception, "The database could not serve {Path}: SQLite error {SqliteErrorCode}", context.Request.Path, sqlite.SqliteErrorCode);
        context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        context.Response.Headers.RetryAfter = "30";
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails =
            {
                Status = StatusCodes.Status503ServiceUnavailable,
                Title = "Service unavailable",
                Detail = "The dataset cannot be read right now. Retry later; /health/ready reports the state.",
            },
        });
    }
}
