using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Indicators.Api.Tests.Browser;

/// <summary>
/// Somebody else's site: a page on its own origin that frames an embed. It is a real server on a
/// loopback port, as the service is, because Chromium blocks a public (or intercepted) page from
/// framing a loopback address; "localhost" against the service's 127.0.0.1 keeps the origins apart.
/// </summary>
internal sealed class NewsroomSite : IAsyncDisposable
{
    private readonly WebApplication _app;

    private NewsroomSite(WebApplication app) => _app = app;

    public string ArticleUrl => _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!
        .Addresses.First().Replace("127.0.0.1", "localhost", StringComparison.Ordinal) + "/article";

    public static Task<NewsroomSite> StartAsync(string embedUrl, int width, int height) =>
        StartWithAsync($"""<iframe id="chart" src="{embedUrl}" width="{width}" height="{height}" style="border:0" title="Chart"></iframe>""");

    /// <summary>An article holding the given snippet (an oEmbed answer's html, say) in a column with phone-like margins.</summary>
    public static async Task<NewsroomSite> StartWithAsync(string snippet)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        app.MapGet("/article", () => Results.Content($"""
            <!doctype html><html><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
            <title>A newsroom article</title></head><body style="margin:0 16px">
            <h1>The Global South's share of world GDP</h1>
            {snippet}
            </body></html>
            """, "text/html; charset=utf-8"));
        await app.StartAsync();
        return new NewsroomSite(app);
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
