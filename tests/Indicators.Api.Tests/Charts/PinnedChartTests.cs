using System.Text.Json;
using Indicators.Api.Tests.Support;
using static Indicators.Api.Tests.Charts.ChartCases;

namespace Indicators.Api.Tests.Charts;

/// <summary>A chart of a past release says where its data is: that release's figures, not today's.</summary>
public sealed class PinnedChartTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    [Fact]
    public async Task AChartOfANamedReleaseLinksToThatReleasesDataAndAnUnpinnedChartToTodays()
    {
        using var releases = JsonDocument.Parse(await _client.GetStringAsync("/v1/releases"));
        var oldest = releases.RootElement.GetProperty("items").EnumerateArray()
            .MinBy(r => r.GetProperty("sequence").GetInt32()).GetProperty("id").GetString()!;

        var pinned = await SvgAsync(_client, $"/v1/indicators/share-of-world-gdp/chart.svg?entity=global-south&release={oldest}");
        var unpinned = await SvgAsync(_client, "/v1/indicators/share-of-world-gdp/chart.svg?entity=global-south");

        // The description names the JSON; the footer's "get the data" line (wrapped over lines) names the CSV.
        Assert.EndsWith($"Data: http://localhost/v1/indicators/share-of-world-gdp/observations?entity=global-south&release={oldest}", pinned.Element(SvgNs + "desc")!.Value);
        Assert.Contains($"/v1/indicators/share-of-world-gdp/observations.csv?entity=global-south&release={oldest}", string.Concat(pinned.Descendants(SvgNs + "text").Select(t => t.Value)), StringComparison.Ordinal);
        Assert.DoesNotContain("release=", unpinned.Value, StringComparison.Ordinal);
    }
}
