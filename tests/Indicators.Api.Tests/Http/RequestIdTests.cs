using System.Net;
using Indicators.Api.Tests.Support;

namespace Indicators.Api.Tests.Http;

public sealed class RequestIdTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    private static string RequestId(HttpResponseMessage response) => string.Join(",", response.Headers.GetValues("X-Request-Id"));

    [Fact]
    public async Task AGivenRequestIdIsEchoedAndIsTheProblemsTraceId()
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/v1/observations?pageSize=x");
        request.Headers.Add("X-Request-Id", "cms-7f3a.42");

        var response = await _client.SendAsync(request);

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal("cms-7f3a.42", RequestId(response));
        Assert.Equal("cms-7f3a.42", problem.GetProperty("traceId").GetString());
    }

    [Fact]
    public async Task WithoutOneTheServiceMakesAnIdAndUsesItAsTheProblemsTraceId()
    {
        var response = await _client.GetAsync("/v1/observations/no-such-figure");

        var problem = await response.AssertProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal(RequestId(response), problem.GetProperty("traceId").GetString());
    }

    [Theory]
    [InlineData("has spaces")]
    [InlineData("<script>")]
    [InlineData("ünïcode")]
    public async Task AnUnsafeRequestIdIsReplaced(string sent)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/v1/indicators");
        request.Headers.TryAddWithoutValidation("X-Request-Id", sent);

        var response = await _client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotEqual(sent, RequestId(response));
        Assert.DoesNotContain(' ', RequestId(response));
    }

    [Fact]
    public async Task ATooLongRequestIdIsReplaced()
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/v1/indicators");
        request.Headers.Add("X-Request-Id", new string('a', 200));

        var response = await _client.SendAsync(request);

        Assert.True(RequestId(response).Length <= 128);
    }
}
