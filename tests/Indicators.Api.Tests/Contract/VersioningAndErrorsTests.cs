using System.Net;
using Indicators.Api.Tests.Support;

namespace Indicators.Api.Tests.Contract;

public sealed class VersioningAndErrorsTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    [Fact]
    public async Task ResponsesReportTheSupportedApiVersions()
    {
        var response = await _client.GetAsync("/v1/indicators");

        Assert.Equal("1", string.Join(",", response.Headers.GetValues("api-supported-versions")));
    }

    [Theory]
    [InlineData("/v2/observations")]
    [InlineData("/v0/indicators")]
    [InlineData("/v99/observations/china-gdp-2023-cny")]
    public async Task AnUnsupportedVersionIsAProblemNamingTheSupportedOnes(string path)
    {
        var response = await _client.GetAsync(path);

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("v1", problem.GetProperty("detail").GetString());
        Assert.Equal("1", string.Join(",", response.Headers.GetValues("api-supported-versions")));
    }

    [Fact]
    public async Task AnUnknownPathIsANotFoundProblem()
    {
        await (await _client.GetAsync("/v1/no-such-resource")).AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task ProblemsCarryATraceId()
    {
        var problem = await (await _client.GetAsync("/v1/observations?pageSize=x")).AssertProblemAsync(HttpStatusCode.BadRequest);

        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("traceId").GetString()));
    }
}

/// <summary>Production runs without the developer exception page: bad input must be the same 400 there.</summary>
public sealed class ProductionErrorsTests(ProductionApiFactory factory) : IClassFixture<ProductionApiFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    [Theory]
    [InlineData("/v1/observations?pageSize=abc", "pageSize")]
    [InlineData("/v1/observations?from=2030&to=2000", "to")]
    [InlineData("/v1/observations?kind=x&kind=y", "kind")]
    public async Task BadParametersAreTheSameProblemsInProduction(string path, string parameter)
    {
        await (await _client.GetAsync(path)).AssertBadParametersAsync(parameter);
    }

    [Fact]
    public async Task ProductionServesTheData()
    {
        var body = await (await _client.GetAsync("/v1/observations")).ReadJsonAsync();

        Assert.Equal(23, body.GetProperty("total").GetInt32());
    }
}
