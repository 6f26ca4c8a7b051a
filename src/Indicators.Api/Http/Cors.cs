using Microsoft.Net.Http.Headers;

namespace Indicators.Api.Http;

/// <summary>
/// The data is public and read-only, so any site may fetch it from a browser (a newsroom chart, a
/// notebook): any origin, GET and HEAD only, never with credentials, which keeps cookies out of it.
/// The middleware runs in <see cref="HttpCaching.UseReleaseStamp"/>, before the response cache and the 304 check.
/// </summary>
internal static class Cors
{
    public static IServiceCollection AddPublicReadCors(this IServiceCollection services) =>
        services.AddCors(options => options.AddDefaultPolicy(policy => policy
            .AllowAnyOrigin()
            .WithMethods(HttpMethods.Get, HttpMethods.Head)
            .AllowAnyHeader()
            .WithExposedHeaders(
                HeaderNames.ETag, HeaderNames.Link, HeaderNames.RetryAfter, ConditionalGetMiddleware.ReleaseHeader,
                HeaderNames.ContentDisposition, "api-supported-versions")));
}
