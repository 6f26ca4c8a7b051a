using Microsoft.AspNetCore.Diagnostics;
using Microsoft.Data.Sqlite;

namespace Indicators.Api.Health;

/// <summary>
/// A database that cannot be read (corrupt, truncated, missing) is the service being unavailable, not a bug
/// in the request: a 503 problem with Retry-After, the reason in the log and never a stack trace to clients.
/// </summary>
internal sealed class DatabaseUnavailable(IProblemDetailsService problems, DatabaseHealthCheck database, ILogger<DatabaseUnavailable> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        // A damaged file also surfaces as other exceptions (a row that no longer parses): ask the readiness check.
        if (exception is not SqliteException
            && (await database.CheckHealthAsync(new Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckContext(), cancellationToken)).Status
                == Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Healthy)
        {
            return false;
        }

        logger.LogError(exception, "The database could not serve {Path}", context.Request.Path);
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
