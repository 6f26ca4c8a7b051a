using System.Net;
using Indicators.Api.Tests.Support;

namespace Indicators.Api.Tests.Http;

/// <summary>A page on any origin can read every answer, errors and limits included, not only successes.</summary>
public sealed class CorsOnEveryResponseTests(SmallLimitsApiFactory factory) : IClassFixture<SmallLimitsApiFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    public static TheoryData<string, string, HttpStatusCode> Requests => new()
    {
        { "GET", "/v1/observations", HttpStatusCode.OK },
        { "GET", "/v1/observations?pageSize=0", HttpStatusCode.BadRequest },
        { "GET", "/v1/observations/no-such-figure", HttpStatusCode.NotFound },
        { "GET", "/nowhere", HttpStatusCode.NotFound },
        { "DELETE", "/v1/observations", HttpStatusCode.MethodNotAllowed },
        { "GET", "/v1/observations?entity=" + new string('a', 2100), HttpStatusCode.RequestUriTooLong },
        { "GET", "/health/ready", HttpStatusCode.OK },
    };

    [Theory]
    [MemberData(nameof(Requests))]
    public async Task EveryAnswerAllowsAnyOriginAndExposesRetryAfter(string method, string path, HttpStatusCode status)
    {
        var request = new HttpRequestMessage(new HttpMethod(method), path);
        request.Headers.Add("Origin", "https://newsroom.example");
        request.Headers.Add(SettingsApiFactory.ClientAddressHeader, "203.0.113.200");

        var response = await _client.SendAsync(request);

        Assert.Equal(status, response.StatusCode);
        AssertCors(response);
    }

    [Fact]
    public async Task RateLimitedAndOversizedHeaderAnswersAllowAnyOriginToo()
    {
        HttpResponseMessage? limited = null;
        for (var i = 0; i < 12; i++)
        {
            var request = new HttpRequestMessage(HttpMethod.Get, "/v1/indicators");
            request.Headers.Add("Origin", "https://newsroom.example");
            request.Headers.Add(SettingsApiFactory.ClientAddressHeader, "203.0.113.201");
            limited = await _client.SendAsync(request);
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, limited!.StatusCode);
        AssertCors(limited);

        var large = new HttpRequestMessage(HttpMethod.Get, "/v1/indicators");
        large.Headers.Add("Origin", "https://newsroom.example");
        large.Headers.Add("X-Padding", new string('b', 5000));
        var tooLarge = await _client.SendAsync(large);
        Assert.Equal(HttpStatusCode.RequestHeaderFieldsTooLarge, tooLarge.StatusCode);
        AssertCors(tooLarge);
    }

    private static void AssertCors(HttpResponseMessage response)
    {
        Assert.Equal("*", string.Join(",", response.Headers.GetValues("Access-Control-Allow-Origin")));
        Assert.Contains("Retry-After", string.Join(",", response.Headers.GetValues("Access-Control-Expose-Headers")), StringComparison.OrdinalIgnoreCase);
    }
}
