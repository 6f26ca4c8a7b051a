using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using Indicators.Api.Tests.Support;

namespace Indicators.Api.Tests.Mcp;

/// <summary>
/// /mcp's guards on the built service, on Kestrel at 127.0.0.1: the in-process test server runs none of Kestrel's
/// limits, and the body limit is where Kestrel's own (a 500 inside the SDK before) and the guard's meet.
/// </summary>
public sealed class McpServiceProcessTests : IAsyncLifetime
{
    private readonly TemporaryDirectory _scratch = new();
    private ServiceProcess _service = null!;
    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        _service = await ServiceProcess.StartAsync(Path.Combine(_scratch.Path, "indicators.db"), new Dictionary<string, string>
        {
            ["Limits__RateLimit__Burst"] = "30",
            ["Limits__RateLimit__TokensPerPeriod"] = "1",
            ["Limits__RateLimit__PeriodSeconds"] = "3600",
        });
        _http = _service.Client();
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _service.DisposeAsync();
        _scratch.Dispose();
    }

    [Fact]
    public async Task TheGuardsHoldOnKestrel()
    {
        // One test, in this order, because the burst is shared: a few calls, then the limit.
        var served = await _http.SendAsync(McpHttpTests.Post("""{"jsonrpc":"2.0","id":1,"method":"tools/list"}"""));
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);

        var badOrigin = await _http.SendAsync(McpHttpTests.Post("""{"jsonrpc":"2.0","id":1,"method":"tools/list"}""", "https://evil.example"));
        await badOrigin.AssertProblemAsync(HttpStatusCode.Forbidden);
        Assert.False(badOrigin.Headers.Contains("Access-Control-Allow-Origin"));

        var get = await _http.GetAsync("/mcp");
        await get.AssertProblemAsync(HttpStatusCode.MethodNotAllowed);

        foreach (var size in new[] { 64 * 1024 + 1, 200 * 1024, 2 * 1024 * 1024 })
        {
            Assert.Equal(HttpStatusCode.RequestEntityTooLarge, await PostBodyAsync(size, chunked: false));
            Assert.Equal(HttpStatusCode.RequestEntityTooLarge, await PostBodyAsync(size, chunked: true));
        }

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 40; i++)
        {
            statuses.Add((await _http.SendAsync(McpHttpTests.Post("""{"jsonrpc":"2.0","id":1,"method":"tools/list"}"""))).StatusCode);
        }

        Assert.Contains(HttpStatusCode.TooManyRequests, statuses);
        Assert.DoesNotContain(statuses, s => s is not HttpStatusCode.OK and not HttpStatusCode.TooManyRequests);
        var refused = await _http.SendAsync(McpHttpTests.Post("""{"jsonrpc":"2.0","id":1,"method":"tools/list"}"""));
        await refused.AssertProblemAsync(HttpStatusCode.TooManyRequests);
        Assert.True(refused.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1));
    }

    /// <summary>Posts a body of the given size on a fresh connection (the service closes one after a 413).</summary>
    private async Task<HttpStatusCode> PostBodyAsync(int size, bool chunked)
    {
        using var client = _service.Client();
        var body = Encoding.UTF8.GetBytes("""{"jsonrpc":"2.0","id":1,"method":"tools/list","params":{"_meta":{"pad":"PAD"}}}""".Replace("PAD", new string('x', size), StringComparison.Ordinal));
        var request = McpHttpTests.Post("");
        request.Content = chunked ? new StreamContent(new MemoryStream(body)) : new ByteArrayContent(body);
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.TransferEncodingChunked = chunked;
        try
        {
            return (await client.SendAsync(request)).StatusCode;
        }
        catch (HttpRequestException error) when (error.InnerException is IOException or SocketException)
        {
            Assert.Fail($"the service reset the connection instead of answering 413 to a {size}-byte {(chunked ? "chunked " : "")}body: {error.Message}");
            throw;
        }
    }
}
