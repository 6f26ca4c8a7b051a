using System.Globalization;
using System.Net;
using System.Text.Json;
using Indicators.Api.Citations;
using Indicators.Api.Tests.Support;

namespace Indicators.Api.Tests.Citations;

public sealed class CitationTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private const string Dated = "modernisation-in-china-and-pakistan";
    private const string Undated = "enhancing-china-pakistan-cooperation";
    private const string DatedObservation = "china-rural-poverty-lifted-since-2012";
    private const string UndatedObservation = "china-gdp-2023-cny";

    private readonly HttpClient _client = factory.CreateClient();

    /// <summary>The access date is today UTC; a test running across midnight may see yesterday's.</summary>
    private static readonly DateOnly[] Today =
        [DateOnly.FromDateTime(DateTime.UtcNow), DateOnly.FromDateTime(DateTime.UtcNow.AddMinutes(-5))];

    private async Task<JsonElement> SourceAsync(string id) => await (await _client.GetAsync($"/v1/sources/{id}")).ReadJsonAsync();

    private async Task<(HttpResponseMessage Response, string Body)> CiteAsync(string url)
    {
        var response = await _client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (response, await response.Content.ReadAsStringAsync());
    }

    private static void AssertAccessedToday(string body, string format) =>
        Assert.Contains(Today, d => body.Contains(d.ToString(format, CultureInfo.InvariantCulture), StringComparison.Ordinal));

    [Fact]
    public async Task ApaIsTheDefaultAndNamesTheAuthorDateTitleAccessDateAndObservationUrl()
    {
        var source = await SourceAsync(Dated);
        var (response, body) = await CiteAsync($"/v1/observations/{DatedObservation}/citation");

        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith($"{source.GetProperty("author").GetString()}. (2024, September 10). {source.GetProperty("title").GetString()}.", body);
        Assert.Matches($@" Retrieved [A-Z][a-z]+ \d{{1,2}}, \d{{4}}, from http://localhost/v1/observations/{DatedObservation}\n$", body);
        AssertAccessedToday(body, "MMMM d, yyyy");
    }

    [Fact]
    public async Task ApaWithoutAuthorOrDatePutsTheTitleFirstAndSaysNoDate()
    {
        var source = await SourceAsync(Undated);
        var (_, body) = await CiteAsync($"/v1/observations/{UndatedObservation}/citation?style=apa");

        Assert.Equal(JsonValueKind.Null, source.GetProperty("author").ValueKind);
        Assert.StartsWith($"{source.GetProperty("title").GetString()}. (n.d.). Retrieved ", body);
        Assert.EndsWith($"from http://localhost/v1/observations/{UndatedObservation}\n", body);
    }

    [Fact]
    public async Task ChicagoQuotesTheTitleAndGivesPublicationAndAccessDates()
    {
        var source = await SourceAsync(Dated);
        var (response, body) = await CiteAsync($"/v1/sources/{Dated}/citation?style=chicago");

        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith($"Jiang Zaidong. “{source.GetProperty("title").GetString()}.” September 10, 2024. Accessed ", body);
        Assert.EndsWith($". http://localhost/v1/sources/{Dated}.\n", body);
        AssertAccessedToday(body, "MMMM d, yyyy");
    }

    [Fact]
    public async Task ChicagoWithoutAuthorOrDateStartsWithTheTitleAndSaysNoDate()
    {
        var (_, body) = await CiteAsync($"/v1/sources/{Undated}/citation?style=chicago");

        Assert.StartsWith("“Enhancing China-Pakistan Cooperation With New Quality Productive Forces.” n.d. Accessed ", body);
    }

    [Fact]
    public async Task BibTexIsAMiscEntryKeyedByTheObservationWithTheSourcesMetadata()
    {
        var source = await SourceAsync(Dated);
        var (response, body) = await CiteAsync($"/v1/observations/{DatedObservation}/citation?style=bibtex");

        Assert.Equal("application/x-bibtex", response.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith($"@misc{{{DatedObservation},\n", body);
        Assert.Contains("  author = {{Jiang Zaidong}},\n", body);
        Assert.Contains($"  title = {{{{{source.GetProperty("title").GetString()}}}}},\n", body);
        Assert.Contains("  year = {2024},\n  month = sep,\n  date = {2024-09-10},\n", body);
        Assert.Contains($"  url = {{http://localhost/v1/observations/{DatedObservation}}},\n", body);
        AssertAccessedToday(body, "'urldate = {'yyyy-MM-dd'}'");
        Assert.EndsWith("}\n", body);
        Assert.Equal(body.Count(c => c == '{'), body.Count(c => c == '}'));
        Assert.Equal($"{DatedObservation}.bib", response.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
    }

    [Fact]
    public async Task BibTexLeavesOutTheAuthorAndDateASourceDoesNotGive()
    {
        var (_, body) = await CiteAsync($"/v1/sources/{Undated}/citation?style=bibtex");

        Assert.DoesNotContain("author =", body);
        Assert.DoesNotContain("year =", body);
        Assert.Contains("title = {{Enhancing China-Pakistan Cooperation With New Quality Productive Forces}}", body);
    }

    [Fact]
    public async Task RisIsAnElectronicRecordWithCrlfLinesClosedByEr()
    {
        var source = await SourceAsync(Dated);
        var (response, body) = await CiteAsync($"/v1/sources/{Dated}/citation?style=ris");

        Assert.Equal("application/x-research-info-systems", response.Content.Headers.ContentType?.MediaType);
        var lines = body.Split("\r\n");
        Assert.Equal("TY  - ELEC", lines[0]);
        Assert.Contains("AU  - Jiang Zaidong", lines);
        Assert.Contains($"TI  - {source.GetProperty("title").GetString()}", lines);
        Assert.Contains("PY  - 2024", lines);
        Assert.Contains("DA  - 2024/09/10/", lines);
        Assert.Contains($"UR  - http://localhost/v1/sources/{Dated}", lines);
        Assert.Contains(lines, l => Today.Any(d => l == d.ToString("'Y2  - 'yyyy'/'MM'/'dd'/'", CultureInfo.InvariantCulture)));
        Assert.Equal("ER  - ", lines[^2]);
        Assert.Equal("", lines[^1]);
        Assert.All(lines[..^1], l => Assert.Matches("^[A-Z][A-Z0-9]  - ", l));
    }

    [Fact]
    public async Task RisLeavesOutTheAuthorAndDateASourceDoesNotGive()
    {
        var (_, body) = await CiteAsync($"/v1/observations/{UndatedObservation}/citation?style=ris");

        Assert.DoesNotContain("AU  -", body);
        Assert.DoesNotContain("PY  -", body);
        Assert.Contains($"ID  - {UndatedObservation}\r\n", body);
    }

    [Fact]
    public async Task CslJsonIsAnArrayOfOneWebpageItemWithTheSourcesMetadata()
    {
        var source = await SourceAsync(Dated);
        var (response, body) = await CiteAsync($"/v1/observations/{DatedObservation}/citation?style=csl-json");

        Assert.Equal("application/vnd.citationstyles.csl+json", response.Content.Headers.ContentType?.MediaType);
        var item = Assert.Single(JsonDocument.Parse(body).RootElement.EnumerateArray());
        Assert.Equal(DatedObservation, item.GetProperty("id").GetString());
        Assert.Equal("webpage", item.GetProperty("type").GetString());
        Assert.Equal(source.GetProperty("title").GetString(), item.GetProperty("title").GetString());
        Assert.Equal(source.GetProperty("author").GetString(), item.GetProperty("author")[0].GetProperty("literal").GetString());
        Assert.Equal([2024, 9, 10], item.GetProperty("issued").GetProperty("date-parts")[0].EnumerateArray().Select(p => p.GetInt32()));
        Assert.Equal($"http://localhost/v1/observations/{DatedObservation}", item.GetProperty("URL").GetString());
        var accessed = item.GetProperty("accessed").GetProperty("date-parts")[0].EnumerateArray().Select(p => p.GetInt32()).ToArray();
        Assert.Contains(new DateOnly(accessed[0], accessed[1], accessed[2]), Today);
    }

    [Fact]
    public async Task CslJsonLeavesOutTheAuthorAndDateASourceDoesNotGive()
    {
        var (_, body) = await CiteAsync($"/v1/sources/{Undated}/citation?style=csl-json");
        var item = JsonDocument.Parse(body).RootElement[0];

        Assert.False(item.TryGetProperty("author", out _));
        Assert.False(item.TryGetProperty("issued", out _));
    }

    [Theory]
    [InlineData("apa")]
    [InlineData("chicago")]
    [InlineData("bibtex")]
    [InlineData("ris")]
    [InlineData("csl-json")]
    public async Task TheDatasetIsCitableInEveryStyle(string style)
    {
        var (_, body) = await CiteAsync($"/v1/citation?style={style}");

        Assert.Contains("Indicators: bilateral economic figures", body);
        Assert.Contains("http://localhost/v1/observations", body);
    }

    [Theory]
    [InlineData("/v1/observations/china-gdp-2023-cny/citation?style=mla")]
    [InlineData("/v1/observations/china-gdp-2023-cny/citation?style=")]
    [InlineData("/v1/sources/enhancing-china-pakistan-cooperation/citation?style=bibtex&style=ris")]
    [InlineData("/v1/citation?style=harvard")]
    public async Task AnUnknownStyleIsAProblemNamingStyle(string url)
    {
        await (await _client.GetAsync(url)).AssertBadParametersAsync("style");
    }

    [Theory]
    [InlineData("/v1/observations/no-such-figure/citation")]
    [InlineData("/v1/sources/no-such-source/citation?style=bibtex")]
    public async Task CitingAnUnknownIdIsANotFoundProblem(string url)
    {
        await (await _client.GetAsync(url)).AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public void BibTexEscapesTexSpecialCharacters()
    {
        Assert.Equal(@"R\&D at 5\% \$ \#1 a\_b \{x\} \textbackslash{} \textasciitilde{}",
            BibTex.Escape(@"R&D at 5% $ #1 a_b {x} \ ~"));
    }
}
