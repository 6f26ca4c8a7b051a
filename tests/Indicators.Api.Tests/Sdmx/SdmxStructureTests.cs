using System.Net;
using System.Xml.Linq;
using Indicators.Api.Tests.Support;

namespace Indicators.Api.Tests.Sdmx;

/// <summary>The SDMX structure queries: what a DSD, a dataflow and a codelist say, and how references and detail shape the message.</summary>
public sealed class SdmxStructureTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    private static readonly XNamespace S = SdmxMessages.Structure;
    private static readonly XNamespace C = SdmxMessages.Common;

    private async Task<XDocument> GetAsync(string url)
    {
        using var response = await _client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/vnd.sdmx.structure+xml", response.Content.Headers.ContentType?.MediaType);
        return XDocument.Parse(await response.Content.ReadAsStringAsync());
    }

    private static List<string> Ids(XDocument document, string element) =>
        document.Descendants(S + element).Select(e => e.Attribute("id")!.Value).ToList();

    [Fact]
    public async Task TheDataStructureWithItsChildrenHasTheKeyTheAttributesTheConceptsAndTheCodelists()
    {
        var message = await GetAsync("/sdmx/2.1/datastructure/INDICATORS/DSD_FIGURES/1.0?references=children");

        Assert.Equal(["INDICATOR", "REF_AREA", "COUNTERPART_AREA", "UNIT_MEASURE", "VALUE_KIND"], Ids(message, "Dimension"));
        Assert.Equal(["TIME_PERIOD"], Ids(message, "TimeDimension"));
        var attributes = Ids(message, "Attribute");
        foreach (var required in new[]
                 {
                     "UNIT_MULT", "VALUE_QUALIFIER", "LOWER_BOUND", "LOWER_BOUND_INCLUSIVE", "UPPER_BOUND", "UPPER_BOUND_INCLUSIVE", "FIGURE_ID",
                     "SOURCE_ID", "SOURCE_QUOTE", "QUOTE_START", "QUOTE_END", "PERIOD_AS_STATED", "PERIOD_INFERRED", "PERIOD_END",
                 })
        {
            Assert.Contains(required, attributes);
        }

        Assert.Equal(
            ["CL_INDICATOR", "CL_AREA", "CL_UNIT", "CL_VALUE_KIND", "CL_VALUE_QUALIFIER", "CL_UNIT_MULT", "CL_PERIOD_END"],
            Ids(message, "Codelist"));
        Assert.Equal(["CS_FIGURES"], Ids(message, "ConceptScheme"));
        Assert.Empty(Ids(message, "Dataflow"));
        var qualifiers = message.Descendants(S + "Codelist").Single(c => c.Attribute("id")!.Value == "CL_VALUE_QUALIFIER");
        Assert.Equal(["exact", "approximately", "more-than", "at-least", "nearly", "less-than", "at-most"],
            qualifiers.Elements(S + "Code").Select(c => c.Attribute("id")!.Value));
        var multipliers = message.Descendants(S + "Codelist").Single(c => c.Attribute("id")!.Value == "CL_UNIT_MULT");
        Assert.Equal("Trillions", multipliers.Elements(S + "Code").Single(c => c.Attribute("id")!.Value == "12").Element(C + "Name")!.Value);
    }

    [Fact]
    public async Task TheDataflowNamesEveryStatedFigureItLeavesOutAndWhy()
    {
        var message = await GetAsync("/sdmx/2.1/dataflow/INDICATORS/FIGURES/1.0");
        var excluded = message.Descendants(C + "Annotation")
            .Where(a => a.Element(C + "AnnotationType")!.Value == "EXCLUDED_FIGURE")
            .ToDictionary(a => a.Element(C + "AnnotationTitle")!.Value, a => a.Element(C + "AnnotationText")!.Value);

        Assert.Equal(SdmxDataTests.LeftOut.Order(), excluded.Keys.Order());
        Assert.All(excluded.Values, reason => Assert.Contains("none is invented", reason));
        Assert.Contains("\"not stated\"", excluded["buffalo-embryo-laboratory-capacity"]);
        Assert.Contains("\"before the section opened\"", excluded["multan-sukkur-motorway-travel-time-before"]);
        Assert.Contains(message.Descendants(C + "AnnotationType"), t => t.Value == "DERIVED_FIGURES");
        Assert.Contains(message.Descendants(C + "AnnotationType"), t => t.Value == "LICENCE");
        Assert.Equal(["DSD_FIGURES"], message.Descendants(S + "Structure").Elements("Ref").Select(r => r.Attribute("id")!.Value));
    }

    [Theory]
    [InlineData("/sdmx/2.1/dataflow", new[] { "Dataflow" })]
    [InlineData("/sdmx/2.1/dataflow/all/all/latest?references=descendants", new[] { "Dataflow", "DataStructure", "ConceptScheme", "Codelist" })]
    [InlineData("/sdmx/2.1/dataflow/INDICATORS/FIGURES/1.0?references=all", new[] { "Dataflow", "DataStructure", "ConceptScheme", "Codelist" })]
    [InlineData("/sdmx/2.1/codelist/INDICATORS/CL_VALUE_QUALIFIER/1.0?references=parents", new[] { "Codelist", "DataStructure" })]
    [InlineData("/sdmx/2.1/codelist/INDICATORS/CL_AREA/latest?references=dataflow", new[] { "Codelist", "Dataflow" })]
    [InlineData("/sdmx/2.1/conceptscheme/INDICATORS/CS_FIGURES/1.0", new[] { "ConceptScheme" })]
    [InlineData("/sdmx/2.1/structure/INDICATORS/all/latest", new[] { "Dataflow", "DataStructure", "ConceptScheme", "Codelist" })]
    public async Task ReferencesBringTheRelatedArtefacts(string url, string[] elements)
    {
        var message = await GetAsync(url);
        var found = new[] { "Dataflow", "DataStructure", "ConceptScheme", "Codelist" }.Where(e => message.Descendants(S + e).Any());

        Assert.Equal(elements.Order(), found.Order());
    }

    [Fact]
    public async Task AnItemIdGivesAPartialCodelist()
    {
        var message = await GetAsync("/sdmx/2.1/codelist/INDICATORS/CL_AREA/1.0/china+_Z");
        var codelist = message.Descendants(S + "Codelist").Single();

        Assert.Equal("true", codelist.Attribute("isPartial")?.Value);
        Assert.Equal(["_Z", "china"], codelist.Elements(S + "Code").Select(c => c.Attribute("id")!.Value).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task StubsCarryNamesAndNoItems()
    {
        var message = await GetAsync("/sdmx/2.1/datastructure/INDICATORS/DSD_FIGURES/1.0?references=children&detail=referencestubs");

        Assert.NotEmpty(message.Descendants(S + "Dimension"));
        Assert.All(message.Descendants(S + "Codelist"), c => Assert.Equal("true", c.Attribute("isExternalReference")?.Value));
        Assert.Empty(message.Descendants(S + "Code"));
    }

    [Fact]
    public async Task TheCodelistsHoldTheCodesTheDataUses()
    {
        var structure = await GetAsync("/sdmx/2.1/codelist/INDICATORS/all/1.0");
        var data = SdmxMessages.ReadCsv(await _client.GetStringAsync("/sdmx/2.1/data/FIGURES/all?format=csvdata")).Observations;
        IEnumerable<string> Codes(string codelist) => structure.Descendants(S + "Codelist").Single(c => c.Attribute("id")!.Value == codelist)
            .Elements(S + "Code").Select(c => c.Attribute("id")!.Value);

        Assert.Equal(data.Select(o => o["INDICATOR"]).Distinct().Order(), Codes("CL_INDICATOR").Order());
        Assert.Equal(data.SelectMany(o => new[] { o["REF_AREA"], o["COUNTERPART_AREA"] }).Distinct().Order(), Codes("CL_AREA").Order());
        Assert.Equal(data.Select(o => o["UNIT_MEASURE"]).Distinct().Order(), Codes("CL_UNIT").Order());
        Assert.Subset(Codes("CL_UNIT_MULT").ToHashSet(), data.Select(o => o["UNIT_MULT"]).ToHashSet());
    }

    [Theory]
    [InlineData("/sdmx/2.1/categoryscheme/INDICATORS/all/latest", HttpStatusCode.NotImplemented, "501")]
    [InlineData("/sdmx/2.1/schema/dataflow/INDICATORS/FIGURES/1.0", HttpStatusCode.NotImplemented, "501")]
    [InlineData("/sdmx/2.1/dataflow/ECB/FIGURES/1.0", HttpStatusCode.NotFound, "100")]
    [InlineData("/sdmx/2.1/dataflow/INDICATORS/FIGURES/2.0", HttpStatusCode.NotFound, "100")]
    [InlineData("/sdmx/2.1/datastructure/INDICATORS/DSD_FIGURES/1.0?references=cousins", HttpStatusCode.BadRequest, "140")]
    [InlineData("/sdmx/2.1/datastructure/INDICATORS/DSD_FIGURES/1.0?detail=most", HttpStatusCode.BadRequest, "140")]
    [InlineData("/sdmx/2.1/dataflow/INDICATORS/FIGURES/1.0/x", HttpStatusCode.BadRequest, "140")]
    [InlineData("/sdmx/2.1/dataflow/INDICATORS/FIGURES/1.0?format=jsonstructure", HttpStatusCode.NotAcceptable, "406")]
    [InlineData("/sdmx/2.1/codelist/INDICATORS/CL_AREA/1.0?format=genericdata", HttpStatusCode.NotAcceptable, "406")]
    public async Task UnknownOrUnimplementedStructuresAreSdmxErrors(string url, HttpStatusCode status, string code)
    {
        using var response = await _client.GetAsync(url);

        Assert.Equal(status, response.StatusCode);
        Assert.Equal(code, SdmxMessages.ReadError(await response.Content.ReadAsStringAsync()).Code);
    }

    [Fact]
    public async Task AStructureAsJsonIsNotAcceptable()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/sdmx/2.1/dataflow/INDICATORS/FIGURES/1.0");
        request.Headers.TryAddWithoutValidation("Accept", "application/vnd.sdmx.structure+json;version=1.0.0");

        using var response = await _client.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotAcceptable, response.StatusCode);
    }
}
