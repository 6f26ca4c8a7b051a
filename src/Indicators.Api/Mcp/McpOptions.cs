namespace Indicators.Api.Mcp;

/// <summary>The "Mcp" section of appsettings.json.</summary>
internal sealed class McpOptions
{
    public const string Section = "Mcp";

    /// <summary>
    /// Browser origins (scheme://host[:port]) allowed to call POST /mcp; they get CORS headers for it. Every other
    /// request that carries an Origin header is refused (403): the spec's defence against DNS rebinding. MCP clients
    /// that are not browsers (editors, agents, the inspector CLI) send no Origin and are served.
    /// </summary>
    public string[] AllowedOrigins { get; set; } = [];

    /// <summary>The largest request body read, in bytes; JSON-RPC calls to these tools are a few hundred. Larger is 413.</summary>
    public int MaxRequestBodyBytes { get; set; } = 64 * 1024;
}
