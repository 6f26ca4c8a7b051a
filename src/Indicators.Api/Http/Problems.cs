using Microsoft.AspNetCore.Http.HttpResults;

namespace Indicators.Api.Http;

/// <summary>The expected error outcomes, returned (never thrown) as RFC 9457 problems.</summary>
internal static class Problems
{
    public static ProblemHttpResult NotFound(string detail) =>
        TypedResults.Problem(detail: detail, statusCode: StatusCodes.Status404NotFound, title: "Not found");
}
