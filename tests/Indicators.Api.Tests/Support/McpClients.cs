using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using ModelContextProtocol;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace Indicators.Api.Tests.Support;

/// <summary>The MCP SDK's own client, connected to POST /mcp of an in-process service over its real HTTP pipeline.</summary>
internal static class McpClients
{
    /// <param name="factory">The in-process service.</param>
    /// <param name="protocolVersion">A protocol version to ask for (e.g. 2025-11-25, the initialize handshake); else the SDK's latest.</param>
    public static async Task<McpClient> ConnectAsync<TProgram>(WebApplicationFactory<TProgram> factory, string? protocolVersion = null)
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
        // The SDK gives its server/discover probe 5 s before falling back to initialize; a loaded machine (the whole
        // suite on two cores) can take longer to answer the first request, and the cancelled probe failed the
        // connection. This server answers the probe, so only a hang should stop it: the suite's 60 s limit.
        return await McpClient.CreateAsync(transport, new McpClientOptions
        {
            ProtocolVersion = protocolVersion,
            DiscoverProbeTimeout = Timeout.InfiniteTimeSpan,
            InitializationTimeout = Eventually.Limit,
        });
    }

    /// <summary>Calls a tool with arguments given as JSON, exactly as a client would send them.</summary>
    public static async Task<CallToolResult> CallJsonAsync(this McpClient client, string tool, string argumentsJson) =>
        await client.CallToolAsync(new CallToolRequestParams
        {
            Name = tool,
            Arguments = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(argumentsJson),
        });

    /// <summary>The structured result of a call that must have succeeded.</summary>
    public static JsonElement Structured(this CallToolResult result)
    {
        Assert.True(result.IsError is not true, "tool error: " + result.Text());
        Assert.NotNull(result.StructuredContent);
        return result.StructuredContent!.Value;
    }

    /// <summary>The text rendering (the one text block every tool answers).</summary>
    public static string Text(this CallToolResult result) => Assert.IsType<TextContentBlock>(Assert.Single(result.Content)).Text;

    /// <summary>The result as the server serializes it into the JSON-RPC response.</summary>
    public static string Serialized(this CallToolResult result) => JsonSerializer.Serialize(result, McpJsonUtilities.DefaultOptions);

    /// <summary>Indented JSON with characters as they are (no \u0022 escapes), for a golden file a reviewer can read.</summary>
    public static string Indented(JsonNode? node) => node?.ToJsonString(new JsonSerializerOptions(McpJsonUtilities.DefaultOptions)
    {
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    }) ?? "null";
}

/// <summary>
/// The service for MCP tests: no per-client rate limit (a test makes hundreds of calls), one allowed browser origin,
/// and a clock fixed at noon UTC, so a citation's access date is the same in the tool and in the REST export.
/// </summary>
public sealed class McpApiFactory() : SettingsApiFactory(new Dictionary<string, string?>
{
    ["Limits:RateLimit:Enabled"] = "false",
    ["Mcp:AllowedOrigins:0"] = AllowedOrigin,
})
{
    public const string AllowedOrigin = "https://newsroom.example";

    public static readonly DateTimeOffset Now = new(2026, 3, 14, 12, 0, 0, TimeSpan.Zero);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services => services.AddSingleton<TimeProvider>(new FixedClock(Now)));
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
