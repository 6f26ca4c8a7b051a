using Microsoft.AspNetCore.Http.HttpResults;

namespace Indicators.Api.Http;

/// <summary>The expected error outcomes, returned (never thrown) as RFC 9457 problems.</summary>
internal static class Problems
{
    public static ProblemHttpResult NotFound(string detail) =>
        TypedResults.Problem(detail: detail, statusCode: StatusCodes.Status404NotFound, title: "Not found");

    /// <summary>An exception or a bare error status becomes a problem (the framework's handler and status-code pages).</summary>
    public static WebApplication UseProblemResponses(this WebApplication app)
    {
        if (!PipelineStages.IsOff(app, PipelineStages.Problems))
        {
            app.UseExceptionHandler();
            app.UseStatusCodePages();
        }

        return app;
    }
}
