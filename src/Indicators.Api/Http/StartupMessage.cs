using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Indicators.Api.Http;

/// <summary>Once listening, one line says where to go: the pages in a browser, the API and its explorer.</summary>
internal static class StartupMessage
{
    public static WebApplication AnnounceAddresses(this WebApplication app)
    {
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
            foreach (var address in addresses)
            {
                app.Logger.LogInformation(
                    "Indicators is serving {Address}: open {Address}/ in a browser; the API is at {Address}/v1 and its explorer at {Address}/swagger",
                    address, address, address, address);
            }
        });
        return app;
    }
}
