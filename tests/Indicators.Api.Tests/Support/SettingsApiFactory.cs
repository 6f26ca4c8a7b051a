using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Indicators.Api.Tests.Support;

/// <summary>
/// The real service with some settings changed (as appsettings.json or the environment would), where a
/// test can pose as a given client address: the in-process server has no sockets, so the test header
/// <see cref="ClientAddressHeader"/> stands in for the connection's remote address.
/// </summary>
public class SettingsApiFactory(IReadOnlyDictionary<string, string?> settings, string environment = "Development") : ApiFactory
{
    public const string ClientAddressHeader = "X-Test-Client-Address";

    protected override string EnvironmentName => environment;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureServices(services => services.AddTransient<IStartupFilter, ClientAddressFromHeader>());
    }

    private sealed class ClientAddressFromHeader : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                context.Connection.RemoteIpAddress = IPAddress.TryParse(context.Request.Headers[ClientAddressHeader], out var address)
                    ? address
                    : IPAddress.Loopback;
                return nextMiddleware(context);
            });
            next(app);
        };
    }
}

/// <summary>Small limits, so tests can reach them: a burst of 10 per client and no refill within a test.</summary>
public sealed class SmallLimitsApiFactory() : SettingsApiFactory(new Dictionary<string, string?>
{
    ["Limits:RateLimit:Burst"] = "10",
    ["Limits:RateLimit:TokensPerPeriod"] = "1",
    ["Limits:RateLimit:PeriodSeconds"] = "3600",
    ["Limits:MaxUrlLength"] = "2000",
    ["Limits:MaxRequestHeadersSize"] = "4000",
    ["Limits:MaxRequestHeaderCount"] = "30",
});

/// <summary>The service without its per-client rate limit (the Benchmark profile's setting), for many requests from one test.</summary>
public sealed class UnlimitedApiFactory() : SettingsApiFactory(new Dictionary<string, string?> { ["Limits:RateLimit:Enabled"] = "false" });

/// <summary>The same, run as in production.</summary>
public sealed class UnlimitedProductionApiFactory() : SettingsApiFactory(new Dictionary<string, string?> { ["Limits:RateLimit:Enabled"] = "false" }, "Production");
