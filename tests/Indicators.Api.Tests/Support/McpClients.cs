using Microsoft.AspNetCore.Mvc.Testing;
using ModelContextProtocol.Client;

namespace Indicators.Api.Tests.Support;

/// <summary>The MCP SDK's own client, connected to POST /mcp of an in-process service over its real HTTP pipeline.</summary>
internal static class McpClients
{
    public static async Task<McpClient> ConnectAsync<TProgram>(WebApplicationFactory<TProgram> factory)
        where TProgram : class
    {
        var http = factory.CreateClient();
        var transport = new HttpClientTransport(
            new HttpClientTransportOptions
            {
                Endpoint = new Uri(http.BaseAddress!, "/mcp"),
                TransportMode = HttpTransportMode.StreamableHttp,
                Name = "Indicators tests",
            },
            http,
            ownsHttpClient: true);
        return await McpClient.CreateAsync(transport);
    }
}
