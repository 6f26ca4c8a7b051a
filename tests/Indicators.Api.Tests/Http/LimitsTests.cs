using System.Net;
using Indicators.Api.Tests.Support;

namespace Indicators.Api.Tests.Http;

/// <summary>The "Limits" settings over HTTP, with small values so a test can reach them.</summary>
public sealed class LimitsTests(SmallLimitsApiFactory factory) : IClassFixture<SmallLimitsApiFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    private static HttpRequestMessage From(string address, string path = "/v1/indicators")
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add(SettingsApiFactory.ClientAddressHeader, address);
        return request;
    }

    [Fact]
    public async Task ABurstOverTheLimitGetsExactlyTheExcessAsProblemsWithRetryAfterAndOtherClientsAreStillServed()
    {
        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? rejected = null;
        for (var i = 0; i < 25; i++)
        {
            var response = await _client.SendAsync(From("203.0.113.7"));
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                rejected = response;
            }
        }

        Assert.Equal(10, statuses.Count(s => s == HttpStatusCode.OK));
        Assert.Equal(15, statuses.Count(s => s == HttpStatusCode.TooManyRequests));
        Assert.All(statuses.Take(10), s => Assert.Equal(HttpStatusCode.OK, s));
        var problem = await rejected!.AssertProblemAsync(HttpStatusCode.TooManyRequests);
        Assert.True(int.Parse(string.Join("", rejected!.Headers.GetValues("Retry-After")), System.Globalization.CultureInfo.InvariantCulture) >= 1);
        Assert.Equal("nosniff", string.Join("", rejected.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal(string.Join("", rejected.Headers.GetValues("X-Request-Id")), problem.GetProperty("traceId").GetString());

        Assert.Equal(HttpStatusCode.OK, (await _client.SendAsync(From("198.51.100.20"))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _client.SendAsync(From("2001:db8::1"))).StatusCode);
    }

    [Fact]
    public async Task BehindALoopbackProxyEachForwardedClientHasItsOwnLimit()
    {
        HttpRequestMessage ViaProxy(string client)
        {
            var request = From("127.0.0.1");
            request.Headers.Add("X-Forwarded-For", client);
            return request;
        }

        for (var i = 0; i < 10; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await _client.SendAsync(ViaProxy("192.0.2.10"))).StatusCode);
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, (await _client.SendAsync(ViaProxy("192.0.2.10"))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _client.SendAsync(ViaProxy("192.0.2.11"))).StatusCode);
    }

    [Fact]
    public async Task AClientThatIsNotAProxyCannotChooseItsKeyWithXForwardedFor()
    {
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 12; i++)
        {
            var request = From("198.51.100.77");
            request.Headers.Add("X-Forwarded-For", $"192.0.2.{100 + i}");
            statuses.Add((await _client.SendAsync(request)).StatusCode);
        }

        Assert.Equal(2, statuses.Count(s => s == HttpStatusCode.TooManyRequests));
    }

    [Fact]
    public async Task HealthProbesAreNotRateLimited()
    {
        for (var i = 0; i < 15; i++)
        {
            await _client.SendAsync(From("203.0.113.99"));
        }

        var request = From("203.0.113.99", "/health/live");
        Assert.Equal(HttpStatusCode.OK, (await _client.SendAsync(request)).StatusCode);
    }

    [Fact]
    public async Task AUrlOverTheLimitIsAUriTooLongProblem()
    {
        var response = await _client.SendAsync(From("203.0.113.1", "/v1/observations?entity=" + new string('a', 2100)));

        var problem = await response.AssertProblemAsync(HttpStatusCode.RequestUriTooLong);
        Assert.Contains("2000", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task AUrlJustUnderTheLimitIsServed()
    {
        var path = "/v1/observations?x=";
        var response = await _client.SendAsync(From("203.0.113.2", path + new string('a', 2000 - path.Length)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task HeadersOverTheSizeLimitAreAHeaderFieldsTooLargeProblem()
    {
        var request = From("203.0.113.3");
        request.Headers.Add("X-Padding", new string('b', 5000));

        await (await _client.SendAsync(request)).AssertProblemAsync(HttpStatusCode.RequestHeaderFieldsTooLarge);
    }

    [Fact]
    public async Task TooManyHeadersAreAHeaderFieldsTooLargeProblem()
    {
        var request = From("203.0.113.4");
        for (var i = 0; i < 40; i++)
        {
            request.Headers.Add($"X-Header-{i}", "x");
        }

        await (await _client.SendAsync(request)).AssertProblemAsync(HttpStatusCode.RequestHeaderFieldsTooLarge);
    }

    [Fact]
    public async Task PageSizeOverTheCeilingIsAProblemNamingIt()
    {
        await (await _client.SendAsync(From("203.0.113.5", "/v1/observations?pageSize=1001"))).AssertBadParametersAsync("pageSize");
    }
}
