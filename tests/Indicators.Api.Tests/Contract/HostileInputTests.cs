using System.Net;
using Indicators.Api.Tests.Support;

namespace Indicators.Api.Tests.Contract;

/// <summary>
/// Every route this issue added, and the lists that gained CSV and search, answered with hostile values in
/// every parameter: each answer is a success or a problem, never a 500.
/// </summary>
public sealed class HostileInputTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private static readonly string[] Routes =
    [
        "/v1/observations", "/v1/observations.csv", "/v1/indicators.csv", "/v1/entities?format=csv", "/v1/sources.csv",
        "/v1/indicators/gdp/observations.csv", "/v1/observations/china-gdp-2023-cny/citation",
        "/v1/sources/modernisation-in-china-and-pakistan/citation", "/v1/citation",
        "/sources/enhancing-china-pakistan-cooperation", "/v1/indicators/gdp-growth/chart.svg",
        "/v1/indicators/gdp-growth/chart.png", "/embed/indicators/gdp-growth", "/oembed",
    ];

    private static readonly string[] Parameters =
        ["q", "format", "style", "width", "height", "url", "maxwidth", "page", "pageSize", "kind", "from"];

    private static readonly string[] Values =
    [
        "", "\"", "*", "NEAR(", "-1", "99999999999999999999", "%FF%FE", "<script>", "javascript:alert(1)", "xml",
        "\u202e", new string('x', 5000),
    ];

    private readonly HttpClient _client = factory.CreateClient();

    public static TheoryData<string> RoutesData() => new(Routes);

    [Theory]
    [MemberData(nameof(RoutesData))]
    public async Task NoHostileParameterValueMakesARouteFail(string route)
    {
        var failures = new List<string>();
        foreach (var parameter in Parameters)
        {
            foreach (var value in Values)
            {
                var separator = route.Contains('?') ? '&' : '?';
                var url = $"{route}{separator}{parameter}={Uri.EscapeDataString(value)}";
                var response = await _client.GetAsync(url);
                if ((int)response.StatusCode >= 500 && response.StatusCode != HttpStatusCode.NotImplemented)
                {
                    failures.Add($"{(int)response.StatusCode} {url}");
                }
                else if (!response.IsSuccessStatusCode)
                {
                    Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
                }
            }
        }

        Assert.Empty(failures);
    }
}
