using System.Text.Json;
using Indicators.Api.Tests.Support;

namespace Indicators.Api.Tests.Observations;

public sealed class ListPagingTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    [Fact]
    public async Task PagesByNumberAndByLinksNextWalkTheSameFiguresInReadingOrder()
    {
        var all = Ids(await (await _client.GetAsync("/v1/observations?pageSize=1000")).ReadJsonAsync());

        var byNumber = new List<string>();
        for (var page = 1; page <= (all.Count + 4) / 5; page++)
        {
            byNumber.AddRange(Ids(await (await _client.GetAsync($"/v1/observations?pageSize=5&page={page}")).ReadJsonAsync()));
        }

        var byCursor = new List<string>();
        for (var url = "/v1/observations?pageSize=5"; ;)
        {
            var body = await (await _client.GetAsync(url)).ReadJsonAsync();
            byCursor.AddRange(Ids(body));
            if (body.GetProperty("links").GetProperty("next").ValueKind == JsonValueKind.Null)
            {
                break;
            }

            url = body.GetProperty("links").GetProperty("next").GetString()!;
        }

        Assert.True(all.Count > 10);
        Assert.Equal(all, byNumber);
        Assert.Equal(all, byCursor);
    }

    [Fact]
    public async Task AFilteredPageKeepsItsTotalAndOrder()
    {
        var body = await (await _client.GetAsync("/v1/observations?entity=china&from=2020&to=2024&pageSize=2&page=2")).ReadJsonAsync();
        var whole = await (await _client.GetAsync("/v1/observations?entity=china&from=2020&to=2024")).ReadJsonAsync();

        Assert.Equal(whole.GetProperty("total").GetInt64(), body.GetProperty("total").GetInt64());
        Assert.Equal(Ids(whole).Skip(2).Take(2), Ids(body));
    }

    private static List<string> Ids(JsonElement page) =>
        page.GetProperty("items").EnumerateArray().Select(o => o.GetProperty("id").GetString()!).ToList();
}
