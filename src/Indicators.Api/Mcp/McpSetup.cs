using Indicators.Api.Http;
using Microsoft.AspNetCore.Cors.Infrastructure;
using Microsoft.Extensions.Options;
using ModelContextProtocol.AspNetCore;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace Indicators.Api.Mcp;

/// <summary>
/// The Model Context Protocol endpoint: POST /mcp, streamable HTTP, stateless (no sessions, so no GET stream for the
/// read-only API to refuse), with read-only tools and resources that read through the resources' own queries.
/// </summary>
internal static class McpSetup
{
    public const string Path = "/mcp";

    /// <summary>The tools in the order tools/list gives them (the SDK keeps them in a hash table, whose order varies).</summary>
    public static readonly IReadOnlyList<string> ToolOrder =
        ["search_figures", "get_figure", "get_quote_context", "verify_claim", "compare_figures", "get_source", "cite"];

    public static bool IsEndpoint(HttpRequest request) => request.Path.StartsWithSegments(Path, StringComparison.OrdinalIgnoreCase);

    public static WebApplicationBuilder AddIndicatorsMcp(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<McpOptions>().Bind(builder.Configuration.GetSection(McpOptions.Section));
        services.AddHttpContextAccessor();
        services.AddSingleton<McpReads>();
        // Registered after AddCors, so it replaces the default provider: the policy depends on the path.
        services.AddSingleton<ICorsPolicyProvider, McpCorsPolicyProvider>();
        // After AddProblemDetails, so the default writer is asked first.
        services.AddSingleton<IProblemDetailsWriter, McpProblemWriter>();
        services.AddMcpServer(options =>
            {
                options.ServerInfo = new Implementation
                {
                    Name = "indicators",
                    Title = "Indicators: bilateral economic figures, each cited to the sentence",
                    Version = typeof(McpSetup).Assembly.GetName().Version?.ToString(3) ?? "1.0.0",
                };
                options.ServerInstructions = Instructions;
            })
            .WithHttpTransport(transport => transport.SessionMode = HttpServerSessionMode.Stateless)
            .WithTools([typeof(FigureTools), typeof(CheckTools), typeof(SourceTools)], McpJson.Options)
            .WithResources([typeof(IndicatorResources)])
            .WithMessageFilters(filters => filters.AddIncomingFilter(ProtocolChecks.Check))
            .WithRequestFilters(filters =>
            {
                filters.AddCallToolFilter(ToolErrors.Answer);
                // Lists in a fixed order, and every list and read marked fresh for as long as a GET of the REST API
                // (Caching:MaxAgeSeconds): the answers change only with a release or a deploy.
                filters.AddListToolsFilter(next => async (context, cancellationToken) =>
                {
                    var result = await next(context, cancellationToken);
                    result.Tools = [.. result.Tools.OrderBy(t => Order(t.Name))];
                    return Fresh(result, context.Services);
                });
                filters.AddListResourceTemplatesFilter(next => async (context, cancellationToken) =>
                {
                    var result = await next(context, cancellationToken);
                    result.ResourceTemplates = [.. result.ResourceTemplates.OrderBy(t => t.UriTemplate, StringComparer.Ordinal)];
                    return Fresh(result, context.Services);
                });
                filters.AddListResourcesFilter(next => async (context, cancellationToken) =>
                    Fresh(await next(context, cancellationToken), context.Services));
                filters.AddReadResourceFilter(next => async (context, cancellationToken) =>
                    Fresh(await next(context, cancellationToken), context.Services));
            });
        services.PostConfigure<McpServerOptions>(options =>
        {
            foreach (var tool in options.ToolCollection ?? [])
            {
                tool.ProtocolTool.InputSchema = ToolSchemas.Closed(tool.ProtocolTool.InputSchema);
                if (tool.ProtocolTool.OutputSchema is { } output)
                {
                    tool.ProtocolTool.OutputSchema = ToolSchemas.Inlined(output);
                }
            }
        });
        return builder;
    }

    /// <summary>Refuses a disallowed Origin on /mcp; before the CORS middleware (which is in UseReleaseStamp).</summary>
    public static WebApplication UseMcpOriginCheck(this WebApplication app)
    {
        app.UseMiddleware<McpOriginCheck>();
        return app;
    }

    /// <summary>POST only, and a bounded body, on /mcp; after the rate limiter.</summary>
    public static WebApplication UseMcpRequestGuard(this WebApplication app)
    {
        app.UseMiddleware<McpRequestGuard>();
        return app;
    }

    public static WebApplication MapIndicatorsMcp(this WebApplication app)
    {
        // Described in the OpenAPI document's description, not as an operation: it is JSON-RPC, not REST.
        app.MapMcp(Path).ExcludeFromDescription();
        return app;
    }

    private static T Fresh<T>(T result, IServiceProvider? services)
        where T : ICacheableResult
    {
        var maxAge = services?.GetService<IOptions<CachingOptions>>()?.Value.MaxAgeSeconds ?? 0;
        result.CacheScope = CacheScope.Public;
        result.TimeToLive = TimeSpan.FromSeconds(maxAge);
        return result;
    }

    private static int Order(string name) => ToolOrder.IndexOf(name) is var i and >= 0 ? i : int.MaxValue;

    private static int IndexOf(this IReadOnlyList<string> list, string name)
    {
        for (var i = 0; i < list.Count; i++)
        {
            if (list[i] == name)
            {
                return i;
            }
        }

        return -1;
    }

    private const string Instructions = """
        Figures from policy articles on China–Pakistan and the Global South. Every figure carries the source's qualifier
        words ("more than 40%", "nearly 100 million", "around 5%"): repeat them, never the bare number, and cite the quote.
        Find figures with search_figures, check a claim with verify_claim before stating it, and cite with cite.
        Read indicators://guide/qualifiers for what each qualifier and kind means.
        """;
}
