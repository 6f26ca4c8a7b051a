using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Xml.Linq;
using Indicators.Api.Tests.Support;

namespace Indicators.Api.Tests.Sdmx;

/// <summary>The SDMX data queries over the real pipeline and the real database, read back with plain XML and CSV parsers.</summary>
public sealed class SdmxDataTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private const string All = "/sdmx/2.1/data/FIGURES/all";
    private const string GenericType = "application/vnd.sdmx.genericdata+xml";
    private const string StructureSpecificType = "application/vnd.sdmx.structurespecificdata+xml";
    private const string CsvType = "application/vnd.sdmx.data+csv";

    /// <summary>The stated figures SDMX cannot hold without inventing a period: read from data/README.md's list by hand.</summary>
    public static readonly string[] LeftOut =
    [
        "lahore-safe-city-traffic-violation-reduction",
        "buffalo-embryo-laboratory-capacity",
        "pakistan-agricultural-trainees-to-china",
        "multan-sukkur-motorway-travel-time-before",
        "multan-sukkur-motorway-travel-time-after",
    ];

    private readonly HttpClient _client = factory.CreateClient();

    public static TheoryData<string> Formats => new() { "genericdata", "structurespecificdata", "csvdata" };

    private async Task<List<SdmxObservation>> ReadAsync(string url, string format)
    {
        var separator = url.Contains('?') ? '&' : '?';
        using var response = await _client.GetAsync($"{url}{separator}format={format}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        return format switch
        {
            "genericdata" => SdmxMessages.ReadGeneric(body),
            "structurespecificdata" => SdmxMessages.ReadStructureSpecific(body),
            _ => SdmxMessages.ReadCsv(body).Observations,
        };
    }

    private async Task<Dictionary<string, JsonElement>> StatedFiguresAsync()
    {
        var list = await (await _client.GetAsync("/v1/observations?pageSize=1000")).ReadJsonAsync();
        return list.GetProperty("items").EnumerateArray().ToDictionary(o => o.GetProperty("id").GetString()!);
    }

    [Theory]
    [MemberData(nameof(Formats))]
    public async Task EveryFigureInTheFlowSaysWhatV1SaysOfIt(string format)
    {
        var figures = await StatedFiguresAsync();
        var observations = await ReadAsync(All, format);

        Assert.Equal(figures.Keys.Except(LeftOut).Order(), observations.Select(o => o["FIGURE_ID"]).Order());
        foreach (var observation in observations)
        {
            var figure = figures[observation["FIGURE_ID"]];
            var id = observation["FIGURE_ID"];
            Assert.Equal(figure.GetProperty("value").GetDouble(), observation.Value);
            Assert.Equal(figure.GetProperty("indicator").GetProperty("code").GetString(), observation["INDICATOR"]);
            Assert.Equal(figure.GetProperty("entity").GetProperty("code").GetString(), observation["REF_AREA"]);
            var counterpart = figure.GetProperty("counterpart");
            Assert.Equal(counterpart.ValueKind == JsonValueKind.Null ? "_Z" : counterpart.GetProperty("code").GetString(), observation["COUNTERPART_AREA"]);
            Assert.Equal(figure.GetProperty("unit").GetProperty("code").GetString(), observation["UNIT_MEASURE"]);
            Assert.Equal(Math.Log10(figure.GetProperty("unit").GetProperty("scale").GetDouble()), double.Parse(observation["UNIT_MULT"], CultureInfo.InvariantCulture));
            Assert.Equal(figure.GetProperty("kind").GetString(), observation["VALUE_KIND"]);
            Assert.Equal(figure.GetProperty("qualifier").GetString(), observation["VALUE_QUALIFIER"]);
            Assert.Equal(Text(figure.GetProperty("qualifierText")), observation.Get("QUALIFIER_TEXT"));

            var bounds = figure.GetProperty("bounds");
            Assert.Equal(Number(bounds.GetProperty("lower")), observation.Get("LOWER_BOUND"));
            Assert.Equal(Boolean(bounds.GetProperty("lowerInclusive")), observation.Get("LOWER_BOUND_INCLUSIVE"));
            Assert.Equal(Number(bounds.GetProperty("upper")), observation.Get("UPPER_BOUND"));
            Assert.Equal(Boolean(bounds.GetProperty("upperInclusive")), observation.Get("UPPER_BOUND_INCLUSIVE"));

            var period = figure.GetProperty("period");
            Assert.Equal(period.GetProperty("label").GetString(), observation["PERIOD_AS_STATED"]);
            Assert.Equal(period.GetProperty("inferred").GetBoolean() ? "true" : "false", observation["PERIOD_INFERRED"]);
            Assert.Equal(ExpectedPeriod(figure), observation["TIME_PERIOD"]);

            var citation = figure.GetProperty("citation");
            Assert.Equal(citation.GetProperty("source").GetString(), observation["SOURCE_ID"]);
            Assert.Equal(citation.GetProperty("quote").GetString(), observation["SOURCE_QUOTE"]);
            Assert.Equal(citation.GetProperty("start").GetInt32().ToString(CultureInfo.InvariantCulture), observation["QUOTE_START"]);
            Assert.Equal(citation.GetProperty("end").GetInt32().ToString(CultureInfo.InvariantCulture), observation["QUOTE_END"]);
            Assert.Equal(citation.GetProperty("url").GetString(), observation["CITATION_URL"]);
            Assert.True(observation["STATEMENT"].Length > 0, id);
        }
    }

    /// <summary>The period written independently of the service: a year, first day plus years, or open to the source's date.</summary>
    private static string ExpectedPeriod(JsonElement figure)
    {
        var period = figure.GetProperty("period");
        var start = period.GetProperty("startYear").GetInt32();
        if (period.GetProperty("endYear").ValueKind == JsonValueKind.Number)
        {
            var end = period.GetProperty("endYear").GetInt32();
            return start == end ? $"{start}" : $"{start}-01-01/P{end - start + 1}Y";
        }

        var said = DateOnly.ParseExact(figure.GetProperty("statedOn").GetString()!, "yyyy-MM-dd", CultureInfo.InvariantCulture).AddDays(1);
        var months = said.Month - 1;
        var days = said.Day - 1;
        return $"{start}-01-01/P{said.Year - start}Y" + (months > 0 ? $"{months}M" : "") + (days > 0 ? $"{days}D" : "");
    }

    private static string? Text(JsonElement value) => value.ValueKind == JsonValueKind.Null ? null : value.GetString();

    private static string? Number(JsonElement value) =>
        value.ValueKind == JsonValueKind.Null ? null : value.GetDouble().ToString("R", CultureInfo.InvariantCulture);

    private static string? Boolean(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        _ => null,
    };

    [Theory]
    [MemberData(nameof(Formats))]
    public async Task EverySeriesKeyAndTimePeriodNamesOneObservationAndEveryObservationHasATime(string format)
    {
        var observations = await ReadAsync(All, format);

        Assert.NotEmpty(observations);
        Assert.All(observations, o => Assert.False(string.IsNullOrEmpty(o.Get("TIME_PERIOD")), o["FIGURE_ID"]));
        var duplicates = observations.GroupBy(o => (o.SeriesKey, Time: o["TIME_PERIOD"])).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        Assert.Empty(duplicates);
    }

    [Fact]
    public async Task TheHydropowerPlantsBuiltAndUnderConstructionAreTwoKeysThatDifferOnlyInKind()
    {
        var observations = await ReadAsync("/sdmx/2.1/data/FIGURES/hydropower-plants.pakistan.china..", "genericdata");

        Assert.Equal(["actual", "in-progress"], observations.Select(o => o["VALUE_KIND"]).Order());
        Assert.Single(observations.Select(o => o["TIME_PERIOD"]).Distinct());
    }

    [Fact]
    public async Task DerivedFiguresAreNotInTheFlow()
    {
        var derived = await (await _client.GetAsync("/v1/observations?kind=derived")).ReadJsonAsync();
        var ids = derived.GetProperty("items").EnumerateArray().Select(o => o.GetProperty("id").GetString()).ToList();
        var observations = await ReadAsync(All, "csvdata");

        Assert.NotEmpty(ids);
        Assert.DoesNotContain(observations, o => ids.Contains(o["FIGURE_ID"]));
        Assert.DoesNotContain(observations, o => o["VALUE_KIND"] == "derived");
    }

    [Theory]
    [InlineData(null, GenericType)]
    [InlineData("application/xml", GenericType)]
    [InlineData("*/*", GenericType)]
    [InlineData("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", GenericType)]
    [InlineData("application/vnd.sdmx.genericdata+xml;version=2.1", GenericType)]
    [InlineData("application/vnd.sdmx.structurespecificdata+xml;version=2.1", StructureSpecificType)]
    [InlineData("application/vnd.sdmx.data+csv;version=1.0.0", CsvType)]
    [InlineData("application/vnd.sdmx.data+csv; version=1.0.0, */*;q=0.1", CsvType)]
    [InlineData("text/csv", CsvType)]
    public async Task AcceptChoosesTheFormat(string? accept, string mediaType)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, All);
        if (accept is not null)
        {
            request.Headers.TryAddWithoutValidation("Accept", accept);
        }

        using var response = await _client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(mediaType, response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(response.Headers.Vary, v => v == "Accept");
    }

    [Theory]
    [InlineData("application/json")]
    [InlineData("application/vnd.sdmx.data+json;version=1.0.0")]
    [InlineData("application/vnd.sdmx.genericdata+xml;version=3.0")]
    [InlineData("application/vnd.sdmx.data+csv;version=2.0.0")]
    [InlineData("image/png")]
    public async Task AnAcceptNoFormatMeetsIsA406WithAnSdmxErrorMessage(string accept)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, All);
        request.Headers.TryAddWithoutValidation("Accept", accept);

        using var response = await _client.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotAcceptable, response.StatusCode);
        Assert.Equal("application/xml", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("406", SdmxMessages.ReadError(await response.Content.ReadAsStringAsync()).Code);
    }

    [Theory]
    [InlineData("?format=jsondata", HttpStatusCode.NotAcceptable, "406")]
    [InlineData("?format=structure", HttpStatusCode.NotAcceptable, "406")]
    [InlineData("?format=csv", HttpStatusCode.BadRequest, "140")]
    [InlineData("?format=csvdata&formatVersion=2.0.0", HttpStatusCode.NotAcceptable, "406")]
    [InlineData("?startPeriod=2020-13", HttpStatusCode.BadRequest, "140")]
    [InlineData("?startPeriod=2025&endPeriod=2020", HttpStatusCode.BadRequest, "140")]
    [InlineData("?lastNObservations=0", HttpStatusCode.BadRequest, "140")]
    [InlineData("?dimensionAtObservation=FREQ", HttpStatusCode.BadRequest, "140")]
    [InlineData("?detail=everything", HttpStatusCode.BadRequest, "140")]
    [InlineData("?detail=full&detail=dataonly", HttpStatusCode.BadRequest, "140")]
    [InlineData("?updatedAfter=2020-01-01T00:00:00", HttpStatusCode.NotImplemented, "501")]
    [InlineData("?includeHistory=true", HttpStatusCode.NotImplemented, "501")]
    public async Task BadParametersAreSdmxErrors(string query, HttpStatusCode status, string code)
    {
        using var response = await _client.GetAsync(All + query);

        Assert.Equal(status, response.StatusCode);
        Assert.Equal(code, SdmxMessages.ReadError(await response.Content.ReadAsStringAsync()).Code);
    }

    [Theory]
    [InlineData("/sdmx/2.1/data/FIGURES/gdp.china", HttpStatusCode.BadRequest, "140")]
    [InlineData("/sdmx/2.1/data/FIGURES/gdp.china._Z.CNY.actual.2023", HttpStatusCode.BadRequest, "140")]
    [InlineData("/sdmx/2.1/data/FIGURES/gd%20p....", HttpStatusCode.BadRequest, "140")]
    [InlineData("/sdmx/2.1/data/FIGURES/atlantis....", HttpStatusCode.NotFound, "100")]
    [InlineData("/sdmx/2.1/data/OTHER/all", HttpStatusCode.NotFound, "100")]
    [InlineData("/sdmx/2.1/data/INDICATORS,FIGURES,2.0/all", HttpStatusCode.NotFound, "100")]
    [InlineData("/sdmx/2.1/data/FIGURES/all/SOMEONE", HttpStatusCode.NotFound, "100")]
    [InlineData("/sdmx/2.1/data/FIGURES/all?startPeriod=2100", HttpStatusCode.NotFound, "100")]
    [InlineData("/sdmx/2.1/nothing-here", HttpStatusCode.NotFound, "100")]
    [InlineData("/sdmx/3.0/data/FIGURES", HttpStatusCode.NotFound, "100")]
    public async Task BadKeysAndFlowsAreSdmxErrors(string url, HttpStatusCode status, string code)
    {
        using var response = await _client.GetAsync(url);

        Assert.Equal(status, response.StatusCode);
        Assert.Equal(code, SdmxMessages.ReadError(await response.Content.ReadAsStringAsync()).Code);
    }

    [Theory]
    [InlineData("/sdmx/2.1/data/FIGURES/gdp.china...", new[] { "china-gdp-2023-cny", "china-gdp-2023-usd" })]
    [InlineData("/sdmx/2.1/data/INDICATORS,FIGURES,1.0/gdp.china._Z.USD.actual", new[] { "china-gdp-2023-usd" })]
    [InlineData("/sdmx/2.1/data/all,FIGURES,latest/gdp+population.china._Z..", new[] { "china-gdp-2023-cny", "china-gdp-2023-usd", "china-population-2024" })]
    [InlineData("/sdmx/2.1/data/FIGURES/.global-south...plan", new[] { "global-south-training-opportunities-from-china" })]
    [InlineData("/sdmx/2.1/data/FIGURES/all/all?endPeriod=1990", new[] { "global-south-share-of-world-gdp-start" })]
    [InlineData("/sdmx/2.1/data/FIGURES?startPeriod=2025", new[] { "global-south-training-opportunities-from-china" })]
    [InlineData("/sdmx/2.1/data/FIGURES/.global-south...?startPeriod=2010&endPeriod=2010-Q2", new[] { "global-south-share-of-world-growth-past-20-years" })]
    [InlineData("/sdmx/2.1/data/FIGURES/share-of-world-gdp.global-south...?lastNObservations=1", new[] { "global-south-share-of-world-gdp-now" })]
    [InlineData("/sdmx/2.1/data/FIGURES/share-of-world-gdp.global-south...?firstNObservations=1", new[] { "global-south-share-of-world-gdp-start" })]
    [InlineData("/sdmx/2.1/data/FIGURES/share-of-world-growth.china...?startPeriod=2024-09-10&endPeriod=2024-09-10", new[] { "china-share-of-world-growth-since-2012" })]
    [InlineData("/sdmx/2.1/data/FIGURES/share-of-world-growth.china...?startPeriod=2024-09-11", new string[0])]
    public async Task KeysAndPeriodsSelectTheFiguresTheyName(string url, string[] ids)
    {
        using var response = await _client.GetAsync(url + (url.Contains('?') ? "&" : "?") + "format=csvdata");
        if (ids.Length == 0)
        {
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            return;
        }

        var observations = SdmxMessages.ReadCsv(await response.Content.ReadAsStringAsync()).Observations;
        Assert.Equal(ids.Order(), observations.Select(o => o["FIGURE_ID"]).Order());
    }

    [Fact]
    public async Task AllDimensionsAtTheObservationIsAFlatListWithFullKeys()
    {
        var xml = XDocument.Parse(await _client.GetStringAsync(All + "?dimensionAtObservation=AllDimensions"));
        var observations = SdmxMessages.ReadGeneric(xml.ToString());

        Assert.Empty(xml.Descendants(SdmxMessages.Generic + "Series"));
        Assert.Equal(18, observations.Count);
        Assert.All(observations, o => Assert.All(SdmxObservation.KeyDimensions.Append("TIME_PERIOD"), d => Assert.NotEmpty(o[d])));
    }

    [Fact]
    public async Task AnotherDimensionAtTheObservationMakesCrossSectionsKeyedByTime()
    {
        var xml = XDocument.Parse(await _client.GetStringAsync(All + "?dimensionAtObservation=REF_AREA"));
        var keys = xml.Descendants(SdmxMessages.Generic + "SeriesKey").Select(k => k.Elements().Select(v => v.Attribute("id")!.Value).ToList()).ToList();
        var observations = SdmxMessages.ReadGeneric(xml.ToString());

        Assert.All(keys, k => Assert.Equal(["INDICATOR", "COUNTERPART_AREA", "UNIT_MEASURE", "VALUE_KIND", "TIME_PERIOD"], k));
        Assert.Equal(18, observations.Count);
        Assert.All(observations, o => Assert.NotEmpty(o["REF_AREA"]));
    }

    [Fact]
    public async Task DetailLeavesOutAttributesOrObservations()
    {
        var dataOnly = XDocument.Parse(await _client.GetStringAsync(All + "?detail=dataonly"));
        var keysOnly = XDocument.Parse(await _client.GetStringAsync(All + "?detail=serieskeysonly"));
        var csvKeys = SdmxMessages.ReadCsv(await _client.GetStringAsync(All + "?detail=serieskeysonly&format=csvdata"));

        Assert.NotEmpty(dataOnly.Descendants(SdmxMessages.Generic + "ObsValue"));
        Assert.Empty(dataOnly.Descendants(SdmxMessages.Generic + "Attributes"));
        Assert.NotEmpty(keysOnly.Descendants(SdmxMessages.Generic + "SeriesKey"));
        Assert.Empty(keysOnly.Descendants(SdmxMessages.Generic + "Obs"));
        Assert.DoesNotContain("OBS_VALUE", csvKeys.Header);
        Assert.Equal(keysOnly.Descendants(SdmxMessages.Generic + "Series").Count(), csvKeys.Observations.Count);
    }

    [Fact]
    public async Task SdmxCsvHasTheDataflowColumnEveryDimensionTheMeasureAndEveryAttribute()
    {
        var (header, observations) = SdmxMessages.ReadCsv(await _client.GetStringAsync(All + "?format=csvdata"));

        Assert.Equal(["DATAFLOW", .. SdmxObservation.KeyDimensions, "TIME_PERIOD", "OBS_VALUE"], header.Take(8));
        Assert.Contains("VALUE_QUALIFIER", header);
        Assert.Contains("UNIT_MULT", header);
        Assert.All(observations, o => Assert.Equal("INDICATORS:FIGURES(1.0)", o["DATAFLOW"]));
    }

    [Fact]
    public async Task EachFormatHasItsOwnValidatorAndCacheEntry()
    {
        var tags = new Dictionary<string, EntityTagHeaderValue>();
        foreach (var accept in new[] { "application/xml", "application/vnd.sdmx.structurespecificdata+xml;version=2.1", "application/vnd.sdmx.data+csv;version=1.0.0" })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, All);
            request.Headers.TryAddWithoutValidation("Accept", accept);
            using var response = await _client.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            tags[accept] = response.Headers.ETag!;
        }

        Assert.Equal(3, tags.Values.Select(t => t.Tag).Distinct().Count());
        foreach (var (accept, tag) in tags)
        {
            foreach (var (otherAccept, otherTag) in tags)
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, All);
                request.Headers.TryAddWithoutValidation("Accept", accept);
                request.Headers.IfNoneMatch.Add(otherTag);
                using var response = await _client.SendAsync(request);
                var body = await response.Content.ReadAsStringAsync();
                if (accept == otherAccept)
                {
                    Assert.Equal(HttpStatusCode.NotModified, response.StatusCode);
                }
                else
                {
                    // The validator of another format is no proof the client holds this one: the full answer, in the asked-for format.
                    Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                    Assert.Equal(tag, response.Headers.ETag);
                    Assert.Equal(accept == "application/xml" ? GenericType : accept.Split(';')[0], response.Content.Headers.ContentType!.MediaType);
                    Assert.NotEmpty(body);
                }
            }
        }

        // format= names the same representation as the matching Accept: one validator for the same bytes.
        using var byFormat = await _client.GetAsync(All + "?format=csvdata");
        Assert.Equal(CsvType, byFormat.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task TheSameQueryOfTheSameReleaseIsTheSameMessageByteForByte()
    {
        var first = await _client.GetByteArrayAsync(All + "?x=1");
        var second = await _client.GetByteArrayAsync(All + "?x=1");

        Assert.Equal(first, second);
    }
}
