using System.Text.Json;
using ModelContextProtocol.Protocol;

namespace Indicators.Api.Tests.Mcp;

/// <summary>The result checks themselves fail on what they exist to catch, so a passing tool test means something.</summary>
public sealed class McpResultChecksTests
{
    private static JsonElement Json(string text) => JsonDocument.Parse(text).RootElement.Clone();

    [Fact]
    public void ANumberWithoutAQuoteFormulaOrCountingKeyFails()
    {
        Assert.ThrowsAny<Xunit.Sdk.XunitException>(() => McpResultChecks.AssertNoNakedNumbers(Json("""{"figures":[{"id":"a","value":40}],"total":1}""")));
        Assert.ThrowsAny<Xunit.Sdk.XunitException>(() => McpResultChecks.AssertNoNakedNumbers(Json("""{"figure":{"value":40,"quote":null}}""")));
        Assert.ThrowsAny<Xunit.Sdk.XunitException>(() => McpResultChecks.AssertNoNakedNumbers(Json("""{"figure":{"value":7,"formula":"[a] - [b]","inputs":[]}}""")));
        McpResultChecks.AssertNoNakedNumbers(Json("""{"figures":[{"value":40,"unit":{"scale":1},"quote":{"text":"t","start":0,"end":1}}],"total":1}"""));
        McpResultChecks.AssertNoNakedNumbers(Json("""{"figure":{"value":7,"formula":"[a] - [b]","inputs":["a","b"],"quote":null}}"""));
    }

    [Fact]
    public void AQuoteSlicedByUtf16UnitsInsteadOfCodePointsFails()
    {
        var text = "\U0001F91D then the quote";
        var texts = new Dictionary<string, string> { ["s"] = text };
        var utf16Start = text.IndexOf("the quote", StringComparison.Ordinal);

        Assert.ThrowsAny<Xunit.Sdk.XunitException>(() => McpResultChecks.AssertQuotesSliceTheirSources(
            Json($$$"""{"quote":{"text":"the quote","sourceId":"s","start":{{{utf16Start}}},"end":{{{utf16Start + 9}}},"offsetUnit":"unicode-code-point"}}"""), texts));
        Assert.Equal(1, McpResultChecks.AssertQuotesSliceTheirSources(
            Json($$$"""{"quote":{"text":"the quote","sourceId":"s","start":{{{utf16Start - 1}}},"end":{{{utf16Start + 8}}},"offsetUnit":"unicode-code-point"}}"""), texts));
    }

    [Fact]
    public void ATextThatIsJsonOrLongerThanThirtyPercentFails()
    {
        var structured = Json("""{"figures":[],"total":0,"nextCursor":null,"release":"0123456789abcdef"}""");

        Assert.ThrowsAny<Xunit.Sdk.XunitException>(() => McpResultChecks.AssertTextIsShortWords(Result("{\"total\":0}", structured)));
        Assert.ThrowsAny<Xunit.Sdk.XunitException>(() => McpResultChecks.AssertTextIsShortWords(Result("No figures match; try another filter.", structured)));
        McpResultChecks.AssertTextIsShortWords(Result("No figures match.", structured));
    }

    private static CallToolResult Result(string text, JsonElement structured) =>
        new() { Content = [new TextContentBlock { Text = text }], StructuredContent = structured };
}
