using Microsoft.AspNetCore.Http.HttpResults;

namespace Indicators.Api.Http;

/// <summary>
/// With URL-segment versioning, a path under a version no endpoint has (/v2/...) matches no route, and
/// ASP.NET answers a bare 404. This fallback, for version-shaped first segments other than v1 only, tells
/// the client which versions exist instead. (Other unmatched paths keep routing's own 404 and 405.)
/// </summary>
internal static class UnsupportedVersions
{
    public const string Supported = "1";

    // v followed by a version number that is not 1 (nor 1.0): v0, v2, v1.1, v99 ...
    private const string OtherVersion = @"^[vV](?!1(\.0)?$)[0-9]+(\.[0-9]+)?$";

    public static void MapUnsupportedVersionFallback(this WebApplication app)
    {
        // A handler the compile-time request delegate generator cannot see (RDG002: built at run time instead): the
        // generator drops MapFallback's pattern (https://github.com/dotnet/aspnetcore/issues/65992), and every unknown
        // path would then answer here.
        Delegate answer = Answer;
#pragma warning disable RDG002
        app.MapFallback($"/{{segment:regex({OtherVersion})}}/{{**rest}}", answer).ExcludeFromDescription();
#pragma warning restore RDG002
    }

    private static ProblemHttpResult Answer(string segment, HttpContext context)
    {
        context.Response.Headers["api-supported-versions"] = Supported;
        return TypedResults.Problem(
            title: "Unsupported API version",
            detail: $"API version '{segment}' is not supported. Supported versions: v{Supported} (e.g. /v{Supported}/observations).",
            statusCode: StatusCodes.Status400BadRequest,
            type: "https://tools.ietf.org/html/rfc9110#section-15.5.1",
            extensions: new Dictionary<string, object?> { ["supportedVersions"] = new[] { "v" + Supported } });
    }
}
