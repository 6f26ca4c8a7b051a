using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Indicators.Api.Tests.Support;

namespace Indicators.Api.Tests.Browser;

/// <summary>The service on a real loopback port, so a real browser can load it.</summary>
public sealed class KestrelApiFactory : ApiFactory
{
    public KestrelApiFactory()
    {
        UseKestrel(0);
        StartServer();
    }

    /// <summary>The address Kestrel bound, e.g. http://127.0.0.1:41234.</summary>
    public string Address => Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!
        .Addresses.First().Replace("[::1]", "127.0.0.1", StringComparison.Ordinal).Replace("localhost", "127.0.0.1", StringComparison.Ordinal);
}
