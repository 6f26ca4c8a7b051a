using System.Net;
using Indicators.Api.Tests.Support;

namespace Indicators.Api.Tests.Http;

/// <summary>Headers on every response, HEAD wherever GET works, 405 for the rest: the same in Development and Production.</summary>
public abstract class HeadersAndMethodsTests(ApiFactory factory)
{
    private readonly HttpClient _client = factory.CreateClient();

    public static TheoryData<string> Paths => new()
    {
        "/v1/observations",
        "/v1/observations?indicator=gdp&pageSize=2",
        "/v1/observations/china-gdp-2023-cny",
        "/v1/indicators",
        "/v1/indicators/gdp",
        "/v1/indicators/gdp/observations",
        "/v1/entities",
        "/v1/entities/china",
        "/v1/sources",
        "/v1/sources/modernisation-in-china-and-pakistan",
        "/v1/sources/modernisation-in-china-and-pakistan/text",
        "/health/live",
        "/health/ready",
        "/swagger/v1/swagger.json",
    };

    public static TheoryData<string, HttpStatusCode> Errors => new()
    {
        { "/v1/observations?pageSize=0", HttpStatusCode.BadRequest },
        { "/v1/observations/no-such-figure", HttpStatusCode.NotFound },
        { "/v2/observations", HttpStatusCode.BadRequest },
        { "/no/such/path", HttpStatusCode.NotFound },
        { "/no-such-page", HttpStatusCode.NotFound },
    };

    [Theory]
    [MemberData(nameof(Paths))]
    public async Task HeadAnswersWhatGetAnswersWithoutABody(string path)
    {
        var get = await _client.GetAsync(path);
        var head = await _client.SendAsync(new HttpRequestMessage(HttpMethod.Head, path));

        Assert.Equal(HttpStatusCode.OK, get.StatusCode);
        Assert.Equal(get.StatusCode, head.StatusCode);
        Assert.Equal(get.Content.Headers.ContentType?.ToString(), head.Content.Headers.ContentType?.ToString());
        Assert.Empty(await head.Content.ReadAsByteArrayAsync());
        AssertCommonHeaders(head);
    }

    [Theory]
    [MemberData(nameof(Errors))]
    public async Task HeadOfAnErrorIsTheSameStatus(string path, HttpStatusCode status)
    {
        var head = await _client.SendAsync(new HttpRequestMessage(HttpMethod.Head, path));

        Assert.Equal(status, head.StatusCode);
        AssertCommonHeaders(head);
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public async Task EverySuccessCarriesTheCommonHeaders(string path)
    {
        AssertCommonHeaders(await _client.GetAsync(path));
    }

    [Theory]
    [MemberData(nameof(Errors))]
    public async Task EveryErrorIsAProblemWithTheCommonHeaders(string path, HttpStatusCode status)
    {
        var response = await _client.GetAsync(path);

        await response.AssertProblemAsync(status);
        AssertCommonHeaders(response);
    }

    [Theory]
    [InlineData("POST", "/v1/observations")]
    [InlineData("PUT", "/v1/observations/china-gdp-2023-cny")]
    [InlineData("DELETE", "/v1/observations/china-gdp-2023-cny")]
    [InlineData("PATCH", "/v1/indicators/gdp")]
    [InlineData("POST", "/v1/sources/modernisation-in-china-and-pakistan/text")]
    [InlineData("OPTIONS", "/v1/entities")]
    [InlineData("TRACE", "/v1/indicators")]
    [InlineData("POST", "/health/ready")]
    public async Task OtherMethodsAreMethodNotAllowedProblemsListingGetAndHead(string method, string path)
    {
        var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (method is "POST" or "PUT" or "PATCH")
        {
            request.Content = new StringContent("{}", System.Text.Encoding.UTF8, "application/json");
        }

        var response = await _client.SendAsync(request);

        await response.AssertProblemAsync(HttpStatusCode.MethodNotAllowed);
        Assert.Equal(["GET", "HEAD"], response.Content.Headers.Allow.Order());
        AssertCommonHeaders(response);
    }

    [Theory]
    [InlineData("POST", "/no/such/path")]
    [InlineData("DELETE", "/v1/no-such-resource")]
    public async Task OtherMethodsOnUnknownPathsAreNotFoundProblems(string method, string path)
    {
        var response = await _client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));

        await response.AssertProblemAsync(HttpStatusCode.NotFound);
        AssertCommonHeaders(response);
    }

    private static void AssertCommonHeaders(HttpResponseMessage response)
    {
        Assert.Equal("nosniff", string.Join(",", response.Headers.GetValues("X-Content-Type-Options")));
        Assert.False(string.IsNullOrWhiteSpace(string.Join(",", response.Headers.GetValues("X-Request-Id"))));
        Assert.False(response.Headers.Contains("Server"));
    }
}

public sealed class DevelopmentHeadersAndMethodsTests(ApiFactory factory) : HeadersAndMethodsTests(factory), IClassFixture<ApiFactory>;

public sealed class ProductionHeadersAndMethodsTests(ProductionApiFactory factory) : HeadersAndMethodsTests(factory), IClassFixture<ProductionApiFactory>;
