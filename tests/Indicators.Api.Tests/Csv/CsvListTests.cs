using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Indicators.Api.Tests.Support;

namespace Indicators.Api.Tests.Csv;

public sealed class CsvListTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    [Fact]
    public async Task ObservationsCsvRoundTripsToTheSameFiguresAndCitationsAsTheJson()
    {
        var rows = await (await _client.GetAsync("/v1/observations.csv")).ReadCsvAsync();
        var items = (await (await _client.GetAsync("/v1/observations")).ReadJsonAsync()).GetProperty("items").EnumerateArray().ToList();

        Assert.Equal(items.Count, rows.Count);
        foreach (var (row, item) in rows.Zip(items))
        {
            var citation = item.GetProperty("citation");
            Assert.Equal(item.GetProperty("id").GetString(), row["id"]);
            Assert.Equal(item.GetProperty("indicator").GetProperty("code").GetString(), row["indicator"]);
            Assert.Equal(item.GetProperty("entity").GetProperty("code").GetString(), row["entity"]);
            Assert.Equal(item.GetProperty("value").GetDouble(), double.Parse(row["value"], CultureInfo.InvariantCulture));
            Assert.Equal(item.GetProperty("unit").GetProperty("code").GetString(), row["unit"]);
            Assert.Equal(item.GetProperty("qualifier").GetString(), row["qualifier"]);
            Assert.Equal(item.GetProperty("kind").GetString(), row["kind"]);
            Assert.Equal(item.GetProperty("period").GetProperty("label").GetString(), row["periodLabel"]);
            Assert.Equal(citation.GetProperty("source").GetString(), row["source"]);
            Assert.Equal(citation.GetProperty("quote").GetString(), row["quote"]);
            Assert.Equal(citation.GetProperty("start").GetInt32().ToString(CultureInfo.InvariantCulture), row["start"]);
            Assert.Equal(citation.GetProperty("end").GetInt32().ToString(CultureInfo.InvariantCulture), row["end"]);
            Assert.Equal(citation.GetProperty("url").GetString(), row["url"]);
            Assert.Equal(citation.GetProperty("page").GetString(), row["page"]);
            Assert.Equal(item.GetProperty("note").GetString() ?? "", row["note"]);
        }
    }

    [Fact]
    public async Task ObservationsCsvIsRfc4180WithAHeaderRowCrlfLineEndsAndNoByteOrderMark()
    {
        var response = await _client.GetAsync("/v1/observations.csv");
        var bytes = await response.Content.ReadAsByteArrayAsync();
        var body = System.Text.Encoding.UTF8.GetString(bytes);

        Assert.NotEqual(0xEF, bytes[0]);
        Assert.StartsWith("id,indicator,indicatorName,entity,", body);
        Assert.EndsWith("\r\n", body);
        // A quote with a comma in it is enclosed in double quotes, and curly quotes survive as UTF-8.
        Assert.Contains("\"four wind farms, one hydropower plant\"", body);
        Assert.Contains("China’s Gross Domestic Product", body);
        Assert.Equal("present", response.Content.Headers.ContentType!.Parameters.Single(p => p.Name == "header").Value);
        Assert.Equal("inline", response.Content.Headers.ContentDisposition?.DispositionType);
        var release = response.Headers.GetValues("X-Dataset-Release").Single();
        Assert.Equal($"observations-{release}.csv", response.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
    }

    [Theory]
    [InlineData("/v1/observations?format=csv")]
    [InlineData("/v1/observations?format=CSV")]
    [InlineData("/v1/observations.csv")]
    [InlineData("/v1/observations.csv?format=csv")]
    public async Task CsvIsTheSameByFormatParameterAndByCsvUrl(string url)
    {
        var expected = await (await _client.GetAsync("/v1/observations.csv")).Content.ReadAsStringAsync();
        var response = await _client.GetAsync(url);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(expected, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task CsvIsAnsweredByContentNegotiationAndTheAnswerVariesByAccept()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/observations");
        request.Headers.Accept.ParseAdd("text/csv");
        var response = await _client.SendAsync(request);

        Assert.Equal(23, (await response.ReadCsvAsync()).Count);
        Assert.Contains("Accept", response.Headers.Vary);
    }

    [Theory]
    [InlineData("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8")]
    [InlineData("application/json, text/csv;q=0.5")]
    [InlineData("text/csv;q=0, application/json")]
    public async Task BrowsersAndClientsPreferringJsonStillGetJson(string accept)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/observations");
        request.Headers.TryAddWithoutValidation("Accept", accept);
        var response = await _client.SendAsync(request);

        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task FormatJsonGivesJsonEvenWhenAcceptAsksForCsv()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/observations?format=json");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/csv"));
        var response = await _client.SendAsync(request);

        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task CsvHasEveryRowByDefaultWhereJsonPages()
    {
        var json = await (await _client.GetAsync("/v1/observations?kind=actual")).ReadJsonAsync();
        var rows = await (await _client.GetAsync("/v1/observations.csv?kind=actual")).ReadCsvAsync();

        Assert.Equal(json.GetProperty("total").GetInt32(), rows.Count);
        Assert.All(rows, r => Assert.Equal("actual", r["kind"]));
    }

    [Fact]
    public async Task CsvHonoursPageSizeAndLinksTheNextPage()
    {
        var response = await _client.GetAsync("/v1/observations.csv?pageSize=5");
        var rows = await response.ReadCsvAsync();
        var link = Assert.Single(response.Headers.GetValues("Link"));

        Assert.Equal(5, rows.Count);
        Assert.Contains("rel=\"next\"", link);
        var next = link[(link.IndexOf('<') + 1)..link.IndexOf('>')];
        Assert.Contains("/v1/observations.csv?", next);
        var nextRows = await (await _client.GetAsync(next)).ReadCsvAsync();
        Assert.Equal(5, nextRows.Count);
        Assert.Empty(rows.Select(r => r["id"]).Intersect(nextRows.Select(r => r["id"])));
    }

    [Fact]
    public async Task CsvKeepsTheSameFiltersAsJson()
    {
        const string query = "indicator=share-of-world-growth&from=2010&to=2024";
        var json = await (await _client.GetAsync($"/v1/observations?{query}")).ReadJsonAsync();
        var rows = await (await _client.GetAsync($"/v1/observations.csv?{query}")).ReadCsvAsync();

        Assert.Equal(
            json.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString()!),
            rows.Select(r => r["id"]));
        Assert.NotEmpty(rows);
    }

    [Fact]
    public async Task IndicatorObservationsCsvHoldsThatIndicatorsFiguresUnderItsCodeName()
    {
        var response = await _client.GetAsync("/v1/indicators/gdp/observations.csv");
        var rows = await response.ReadCsvAsync();

        Assert.Equal(["china-gdp-2023-cny", "china-gdp-2023-usd"], rows.Select(r => r["id"]));
        Assert.Equal($"gdp-observations-{response.Headers.GetValues("X-Dataset-Release").Single()}.csv", response.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        Assert.Equal(rows, await (await _client.GetAsync("/v1/indicators/gdp/observations?format=csv")).ReadCsvAsync());
    }

    [Fact]
    public async Task IndicatorObservationsCsvOfAnUnknownIndicatorIsANotFoundProblem()
    {
        await (await _client.GetAsync("/v1/indicators/nope/observations.csv")).AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("indicators", "code,name,unit,unitScale,unitLabel,topic,description,observationCount,release")]
    [InlineData("entities", "code,name,type,description,observationCount,release")]
    [InlineData("sources", "id,title,standfirst,author,publishedOn,publisher,url,licence,textUrl,length,observationCount,alsoPublishedIn,release")]
    public async Task ReferenceListsAnswerCsvWithEveryRowInTheJsonOrder(string list, string header)
    {
        var json = await (await _client.GetAsync($"/v1/{list}")).ReadJsonAsync();
        var response = await _client.GetAsync($"/v1/{list}.csv");

        Assert.Equal(header.Split(','), await response.ReadHeaderAsync());
        var rows = CsvTables.Parse(await response.Content.ReadAsStringAsync());
        var key = list == "sources" ? "id" : "code";
        Assert.Equal(json.GetProperty("items").EnumerateArray().Select(i => i.GetProperty(key).GetString()!), rows.Select(r => r[key]));
        // A saved file says where it came from: every row names the release, the last column.
        Assert.All(rows, r => Assert.Equal(json.GetProperty("release").GetString(), r["release"]));
        Assert.Equal(rows, await (await _client.GetAsync($"/v1/{list}?format=csv")).ReadCsvAsync());
    }

    [Fact]
    public async Task SourcesCsvLeavesMetadataTheTextDoesNotGiveEmpty()
    {
        var rows = await (await _client.GetAsync("/v1/sources.csv")).ReadCsvAsync();

        var undated = rows.Single(r => r["id"] == "enhancing-china-pakistan-cooperation");
        Assert.Equal("", undated["author"]);
        Assert.Equal("", undated["publishedOn"]);
        Assert.Equal("Jiang Zaidong", rows.Single(r => r["id"] == "modernisation-in-china-and-pakistan")["author"]);
    }

    [Theory]
    [InlineData("/v1/observations?format=xml")]
    [InlineData("/v1/observations?format=")]
    [InlineData("/v1/observations?format=csv&format=json")]
    [InlineData("/v1/observations.csv?format=json")]
    [InlineData("/v1/sources?format=tsv")]
    [InlineData("/v1/indicators/gdp/observations?format=xlsx")]
    public async Task AFormatOtherThanJsonOrCsvIsAProblemNamingFormat(string url)
    {
        await (await _client.GetAsync(url)).AssertBadParametersAsync("format");
    }

    [Fact]
    public async Task CsvRequestsWithBadFiltersGetTheSameProblemAsJson()
    {
        await (await _client.GetAsync("/v1/observations.csv?kind=guess")).AssertBadParametersAsync("kind");
        await (await _client.GetAsync("/v1/observations?format=csv&pageSize=0")).AssertBadParametersAsync("pageSize");
    }

    [Theory]
    [InlineData("/v1/observations.csv")]
    [InlineData("/v1/observations")]
    [InlineData("/v1/sources/modernisation-in-china-and-pakistan/text")]
    public async Task AnyOriginMayReadTheDataWithoutCredentials(string url)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Add("Origin", "https://newsroom.example");
        var response = await _client.SendAsync(request);

        Assert.Equal("*", Assert.Single(response.Headers.GetValues("Access-Control-Allow-Origin")));
        Assert.False(response.Headers.Contains("Access-Control-Allow-Credentials"));
    }

    [Fact]
    public async Task OpenApiDocumentsTheFormatParameterAndTheCsvResponse()
    {
        var document = await (await _client.GetAsync("/swagger/v1/swagger.json")).ReadJsonAsync();
        var list = document.GetProperty("paths").GetProperty("/v1/observations").GetProperty("get");

        Assert.Contains(list.GetProperty("parameters").EnumerateArray(), p => p.GetProperty("name").GetString() == "format");
        Assert.True(list.GetProperty("responses").GetProperty("200").GetProperty("content").TryGetProperty("text/csv", out _));
        Assert.True(document.GetProperty("paths").TryGetProperty("/v1/observations.csv", out JsonElement _));
    }
}
