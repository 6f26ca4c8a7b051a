using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Indicators.Api.Tests.Support;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Indicators.Api.Tests.Mcp;

/// <summary>/mcp as HTTP: the guards in front of the SDK, and the JSON-RPC errors behind it. Nothing answers a 500.</summary>
public sealed class McpHttpTests(McpApiFactory factory) : IClassFixture<McpApiFactory>
{
    private const string ToolsList = """{"jsonrpc":"2.0","id":1,"method":"tools/list"}""";

    private readonly HttpClient _http = factory.CreateClient();

    internal static HttpRequestMessage Post(string body, string? origin = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/mcp") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Accept.ParseAdd("application/json");
        request.Headers.Accept.ParseAdd("text/event-stream");
        request.Headers.Add("MCP-Protocol-Version", "2025-11-25");
        if (origin is not null)
        {
            request.Headers.Add("Origin", origin);
        }

        return request;
    }

    [Fact]
    public void PostMcpIsTheOnlyRouteThatAnswersAMethodOtherThanGet()
    {
        // The unsupported-version fallback (order int.MaxValue) answers any method with a 400 problem, not a resource.
        var routes = factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Order != int.MaxValue)
            .SelectMany(e => (e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.IHttpMethodMetadata>()?.HttpMethods ?? ["*"])
                .Select(m => (m, e.RoutePattern.RawText?.TrimEnd('/'))))
            .Where(r => r.m is not "GET" and not "HEAD")
            .ToList();

        Assert.Equal([("POST", "/mcp")], routes);
    }

    [Theory]
    [InlineData("GET")]
    [InlineData("HEAD")]
    [InlineData("DELETE")]
    [InlineData("PUT")]
    public async Task AnyMethodButPostIsA405ThatSaysToPost(string method)
    {
        var response = await _http.SendAsync(new HttpRequestMessage(new HttpMethod(method), "/mcp"));

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Equal(["POST"], response.Content.Headers.Allow);
        if (method != "HEAD")
        {
            var problem = await response.AssertProblemAsync(HttpStatusCode.MethodNotAllowed);
            Assert.Contains("send JSON-RPC requests with POST", problem.GetProperty("detail").GetString());
        }
    }

    [Fact]
    public async Task TheGetStreamAClientTriesIsA405ProblemEvenWhenItAcceptsOnlyEventStreams()
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/mcp");
        request.Headers.Accept.ParseAdd("text/event-stream");

        var response = await _http.SendAsync(request);

        await response.AssertProblemAsync(HttpStatusCode.MethodNotAllowed);
    }

    [Fact]
    public async Task ARequestWithoutOriginIsServed()
    {
        var response = await _http.SendAsync(Post(ToolsList));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("search_figures", await response.Content.ReadAsStringAsync());
        Assert.False(response.Headers.Contains("Access-Control-Allow-Origin"));
    }

    [Theory]
    [InlineData("https://evil.example")]
    [InlineData("null")]
    [InlineData("https://newsroom.example.evil.example")]
    [InlineData("http://newsroom.example")]
    public async Task ADisallowedOriginIs403WithoutCorsHeaders(string origin)
    {
        var response = await _http.SendAsync(Post(ToolsList, origin));

        var problem = await response.AssertProblemAsync(HttpStatusCode.Forbidden);
        Assert.False(response.Headers.Contains("Access-Control-Allow-Origin"));
        Assert.DoesNotContain(origin, problem.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ADisallowedOriginsPreflightIs403Too()
    {
        var preflight = Preflight("https://evil.example");

        var response = await _http.SendAsync(preflight);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.False(response.Headers.Contains("Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task AnAllowedOriginGetsCorsForPostAndTheMcpHeaders()
    {
        var preflight = await _http.SendAsync(Preflight(McpApiFactory.AllowedOrigin));
        var post = await _http.SendAsync(Post(ToolsList, McpApiFactory.AllowedOrigin));

        Assert.Equal(HttpStatusCode.NoContent, preflight.StatusCode);
        Assert.Equal([McpApiFactory.AllowedOrigin], preflight.Headers.GetValues("Access-Control-Allow-Origin"));
        Assert.Equal(["POST"], preflight.Headers.GetValues("Access-Control-Allow-Methods"));
        Assert.Contains("mcp-protocol-version", preflight.Headers.GetValues("Access-Control-Allow-Headers").Single().ToLowerInvariant());
        Assert.False(preflight.Headers.Contains("Access-Control-Allow-Credentials"));
        Assert.Equal(HttpStatusCode.OK, post.StatusCode);
        Assert.Equal([McpApiFactory.AllowedOrigin], post.Headers.GetValues("Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task TheRestOfTheApiKeepsItsPublicReadCors()
    {
        var response = await _http.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/v1/sources") { Headers = { { "Origin", "https://evil.example" } } });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(["*"], response.Headers.GetValues("Access-Control-Allow-Origin"));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task ABodyOverTheLimitIs413BeforeTheSdkReadsIt(bool chunked)
    {
        var body = """{"jsonrpc":"2.0","id":1,"method":"tools/list","params":{"_meta":{"pad":"PAD"}}}""".Replace("PAD", new string('x', 70_000), StringComparison.Ordinal);
        var request = Post(body);
        if (chunked)
        {
            request.Content = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(body)));
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            request.Headers.TransferEncodingChunked = true;
        }

        var response = await _http.SendAsync(request);

        var problem = await response.AssertProblemAsync(HttpStatusCode.RequestEntityTooLarge);
        Assert.Contains("at most 65536 bytes", problem.GetProperty("detail").GetString());
    }

    [Theory]
    [InlineData("{not json", -32600)]
    [InlineData("", -32600)]
    [InlineData("""[{"jsonrpc":"2.0","id":1,"method":"tools/list"}]""", -32600)]
    [InlineData("""{"jsonrpc":"1.0","id":1,"method":"tools/list"}""", -32600)]
    [InlineData("""{"jsonrpc":"2.0","id":1,"method":"no/such/method"}""", -32601)]
    [InlineData("""{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"no_such_tool"}}""", -32602)]
    [InlineData("""{"jsonrpc":"2.0","id":1,"method":"tools/call","params":[1,2]}""", -32602)]
    [InlineData("""{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"get_figure","arguments":"china-gdp-2023-cny"}}""", -32602)]
    [InlineData("""{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":7}}""", -32602)]
    [InlineData("""{"jsonrpc":"2.0","id":1,"method":"resources/read","params":{"uri":"https://example.org/"}}""", -32002)]
    [InlineData("""{"jsonrpc":"2.0","id":1,"method":"resources/read","params":{}}""", -32602)]
    public async Task AProtocolErrorIsAJsonRpcErrorNeverA500(string body, int code)
    {
        var response = await _http.SendAsync(Post(body));

        Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.BadRequest, $"{(int)response.StatusCode} for {body}");
        var error = JsonRpc(await response.Content.ReadAsStringAsync()).GetProperty("error");
        Assert.Equal(code, error.GetProperty("code").GetInt32());
        Assert.False(string.IsNullOrWhiteSpace(error.GetProperty("message").GetString()));
    }

    [Fact]
    public async Task ANotificationIsAccepted()
    {
        var response = await _http.SendAsync(Post("""{"jsonrpc":"2.0","method":"notifications/initialized"}"""));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
    }

    [Fact]
    public async Task TheRateLimitAppliesToMcpWith429AndRetryAfter()
    {
        using var limited = new SmallLimitsApiFactory();
        var http = limited.CreateClient();
        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? refused = null;
        for (var i = 0; i < 12; i++)
        {
            var request = Post(ToolsList);
            request.Headers.Add(SettingsApiFactory.ClientAddressHeader, "203.0.113.9");
            var response = await http.SendAsync(request);
            statuses.Add(response.StatusCode);
            refused = response.StatusCode == HttpStatusCode.TooManyRequests ? response : refused;
        }

        Assert.Equal(Enumerable.Repeat(HttpStatusCode.OK, 10).Concat([HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests]), statuses);
        await refused!.AssertProblemAsync(HttpStatusCode.TooManyRequests);
        var stream = new HttpRequestMessage(HttpMethod.Get, "/mcp") { Headers = { { SettingsApiFactory.ClientAddressHeader, "203.0.113.9" } } };
        stream.Headers.Accept.ParseAdd("text/event-stream");
        await (await http.SendAsync(stream)).AssertProblemAsync(HttpStatusCode.TooManyRequests);
        Assert.True(int.Parse(refused!.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture) >= 1);
    }

    /// <summary>The JSON-RPC message of a response, whether sent as JSON or as one server-sent event.</summary>
    internal static JsonElement JsonRpc(string body)
    {
        var data = body.Split('\n').FirstOrDefault(l => l.StartsWith("data: ", StringComparison.Ordinal));
        return JsonDocument.Parse(data is null ? body : data["data: ".Length..]).RootElement.Clone();
    }

    private static HttpRequestMessage Preflight(string origin) => new(HttpMethod.Options, "/mcp")
    {
        Headers =
        {
            { "Origin", origin },
            { "Access-Control-Request-Method", "POST" },
            { "Access-Control-Request-Headers", "content-type, mcp-protocol-version" },
        },
    };
}
