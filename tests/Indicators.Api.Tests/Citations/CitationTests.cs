using System.Globalization;
using System.Net;
using System.Text.Json;
using Indicators.Api.Citations;
using Indicators.Api.Tests.Support;

namespace Indicators.Api.Tests.Citations;

public sealed class CitationTests(FixedClockApiFactory factory) : IClassFixture<FixedClockApiFactory>
{
    private const string Dated = "modernisation-in-china-and-pakistan";
    private const string Undated = "enhancing-china-pakistan-cooperation";
    private const string DatedObservation = "china-rural-poverty-lifted-since-2012";
    private const string UndatedObservation = "china-gdp-2023-cny";

    private readonly HttpClient _client = factory.CreateClient();

    /// <summary>The access date is today by the service's clock, fixed for the test.</summary>
    private static readonly DateOnly[] Today = [FixedClockApiFactory.Today];

    private string? _release;

    private async Task<string> ReleaseAsync() =>
        _release ??= (await (await _client.GetAsync("/v1/releases/latest")).ReadJsonAsync()).GetProperty("id").GetString()!;

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

        var release = await ReleaseAsync();
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(
            $"{source.GetProperty("author").GetString()}. (2024, September 10). {source.GetProperty("title").GetString()} (Version {release}). "
            + $"Retrieved December 2, 2026, from http://localhost/v1/observations/{DatedObservation}?release={release}\n"
            + "Figure: nearly 100 million people, Rural population lifted out of poverty, China, since 2012: "
            + "“With nearly 100 million impoverished rural population lifted out of poverty”.\n"
            + "Also published as “Work together to advance modernization in China and Pakistan” by Jiang Zaidong, Pakistan Today, "
            + "September 9, 2024, https://www.pakistantoday.com.pk/2024/09/09/work-together-to-advance-modernization-in-china-and-pakistan/.\n",
            body);
    }

    [Fact]
    public async Task ApaWithoutAuthorOrDatePutsTheTitleFirstAndSaysNoDate()
    {
        var source = await SourceAsync(Undated);
        var (_, body) = await CiteAsync($"/v1/observations/{UndatedObservation}/citation?style=apa");

        var release = await ReleaseAsync();
        Assert.Equal(JsonValueKind.Null, source.GetProperty("author").ValueKind);
        Assert.StartsWith($"{source.GetProperty("title").GetString()} (Version {release}). (n.d.). Retrieved ", body);
        Assert.Contains($"from http://localhost/v1/observations/{UndatedObservation}?release={release}\nFigure: exceeded 126 trillion yuan, ", body);
    }

    [Fact]
    public async Task ChicagoQuotesTheTitleAndGivesPublicationAndAccessDates()
    {
        var source = await SourceAsync(Dated);
        var (response, body) = await CiteAsync($"/v1/sources/{Dated}/citation?style=chicago");

        var release = await ReleaseAsync();
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith($"Jiang Zaidong. “{source.GetProperty("title").GetString()} (Version {release}).” September 10, 2024. Accessed ", body);
        Assert.Contains($". http://localhost/v1/sources/{Dated}?release={release}.\nAlso published as “Work together", body);
        AssertAccessedToday(body, "MMMM d, yyyy");
    }

    [Fact]
    public async Task ChicagoWithoutAuthorOrDateStartsWithTheTitleAndSaysNoDate()
    {
        var (_, body) = await CiteAsync($"/v1/sources/{Undated}/citation?style=chicago");

        Assert.StartsWith($"“Enhancing China-Pakistan Cooperation With New Quality Productive Forces (Version {await ReleaseAsync()}).” n.d. Accessed ", body);
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
        var release = await ReleaseAsync();
        Assert.Contains($"  version = {{{release}}},\n", body);
        Assert.Contains($"  url = {{http://localhost/v1/observations/{DatedObservation}?release={release}}},\n", body);
        AssertAccessedToday(body, "'urldate = {'yyyy-MM-dd'}'");
        // The figure is appended to the note, TeX-escaped, with its quote.
        Assert.Contains("  note = {Accessed 2026-12-02. Figure: nearly 100 million people, Rural population lifted out of poverty, China, "
                        + "since 2012: “With nearly 100 million impoverished rural population lifted out of poverty”. Also published as ", body);
        Assert.EndsWith("}\n", body);
        Assert.Equal(body.Count(c => c == '{'), body.Count(c => c == '}'));
        Assert.Equal($"{DatedObservation}-{release}.bib", response.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
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
        Assert.Contains($"UR  - http://localhost/v1/sources/{Dated}?release={await ReleaseAsync()}", lines);
        Assert.Contains($"ET  - {await ReleaseAsync()}", lines);
        Assert.Contains(lines, l => l.StartsWith("N1  - Also published as “Work together to advance modernization in China and Pakistan”", StringComparison.Ordinal));
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
        Assert.Contains("N1  - Figure: exceeded 126 trillion yuan, Gross domestic product, China, 2023: "
                        + "“In 2023, China’s Gross Domestic Product (GDP) exceeded 126 trillion yuan ($17.51 trillion)”\r\n", body);
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
        var release = await ReleaseAsync();
        Assert.Equal($"http://localhost/v1/observations/{DatedObservation}?release={release}", item.GetProperty("URL").GetString());
        Assert.Equal(release, item.GetProperty("version").GetString());
        Assert.StartsWith("Figure: nearly 100 million people, Rural population lifted out of poverty, China", item.GetProperty("note").GetString());
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

        var release = await ReleaseAsync();
        Assert.Contains("Indicators: bilateral economic figures", body);
        Assert.Contains($"http://localhost/v1/observations?release={release}", body);
        Assert.Contains(release, body.Replace($"release={release}", "", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ACitationOfAPastReleaseNamesItAndCarriesWhatItHeld()
    {
        // Release 1 held no fact about other publications: its citation offers none.
        var (response, body) = await CiteAsync($"/v1/sources/{Dated}/citation?release=53db9c8b12bee743");

        Assert.Contains("(Version 53db9c8b12bee743)", body);
        Assert.Contains($"http://localhost/v1/sources/{Dated}?release=53db9c8b12bee743", body);
        Assert.DoesNotContain("Also published as", body);
        Assert.Equal("53db9c8b12bee743", response.Headers.GetValues("X-Dataset-Release").Single());
        // Citations carry the access date, so even a pinned one is kept only briefly.
        Assert.Equal(TimeSpan.FromSeconds(60), response.Headers.CacheControl?.MaxAge);
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
