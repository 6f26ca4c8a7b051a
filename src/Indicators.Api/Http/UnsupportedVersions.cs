using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Indicators.Api.Http;

/// <summary>
/// With URL-segment versioning, a path under a version no endpoint has (/v2/...) matches no route, and
/// ASP.NET answers a bare 404. This fallback tells the client which versions exist instead.
/// </summary>
internal static partial class UnsupportedVersions
{
    public const string Supported = "1";

    [GeneratedRegex("^v[0-9]+(\\.[0-9]+)?$", RegexOptions.IgnoreCase)]
    private static partial Regex VersionSegment();

    /// <remarks>GET only (HEAD arrives as GET): any other method is a 405, the API being read-only.</remarks>
    public static void MapUnsupportedVersionFallback(this WebApplication app) =>
        app.MapFallback("/{segment}/{**rest}", Answer).WithMetadata(new HttpMethodMetadata([HttpMethods.Get])).ExcludeFromDescription();

    private static ProblemHttpResult Answer(string segment, HttpContext context)
    {
        if (!VersionSegment().IsMatch(segment) || segment.Equals("v" + Supported, StringComparison.OrdinalIgnoreCase))
        {
            return Problems.NotFound($"Nothing is served at '{context.Request.Path}'. See /swagger for the API.");
        }

        context.Response.Headers["api-supported-versions"] = Supported;
        return TypedResults.Problem(
            title: "Unsupported API version",
            detail: $"API version '{segment}' is not supported. Supported versions: v{Supported} (e.g. /v{Supported}/observations).",
            statusCode: StatusCodes.Status400BadRequest,
            type: "https://tools.ietf.org/html/rfc9110#section-15.5.1",
            extensions: new Dictionary<string, object?> { ["supportedVersions"] = new[] { "v" + Supported } });
    }
}
