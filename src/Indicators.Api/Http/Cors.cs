namespace Indicators.Api.Http;

/// <summary>
/// The data is public and read-only, so any site may fetch it from a browser (a newsroom chart, a
/// notebook): any origin, GET and HEAD only, never with credentials, which keeps cookies out of it.
/// </summary>
internal static class Cors
{
    public static IServiceCollection AddPublicReadCors(this IServiceCollection services) =>
        services.AddCors(options => options.AddDefaultPolicy(policy => policy
            .AllowAnyOrigin()
            .WithMethods(HttpMethods.Get, HttpMethods.Head)
            .AllowAnyHeader()
            .WithExposedHeaders("Link", "Content-Disposition", "api-supported-versions")));

    public static WebApplication UsePublicReadCors(this WebApplication app)
    {
        app.UseCors();
        return app;
    }
}
