using Indicators.Api.Charts;
using Indicators.Api.Citations;
using Indicators.Api.Embeds;

namespace Indicators.Api.Tests.Contract;

/// <summary>The validators of the new query records, directly: each failure is keyed by the query name.</summary>
public sealed class NewValidatorsTests
{
    [Theory]
    [InlineData(null, true)]
    [InlineData("apa", true)]
    [InlineData("CSL-JSON", true)]
    [InlineData("mla", false)]
    [InlineData("", false)]
    public void CitationStyleMustBeOneOfTheFive(string? style, bool valid)
    {
        var result = new CitationRequestValidator().Validate(new CitationRequest { Style = style });

        Assert.Equal(valid, result.IsValid);
        Assert.All(result.Errors, e => Assert.Equal("style", e.PropertyName));
    }

    [Theory]
    [InlineData(null, null, true)]
    [InlineData("200", "2000", true)]
    [InlineData("199", null, false)]
    [InlineData(null, "2001", false)]
    [InlineData("8e2", null, false)]
    public void ChartSizeMustBeWholePixelsWithinRange(string? width, string? height, bool valid)
    {
        var result = new ChartSizeRequestValidator().Validate(new ChartSizeRequest { Width = width, Height = height });

        Assert.Equal(valid, result.IsValid);
        Assert.All(result.Errors, e => Assert.Contains(e.PropertyName, new[] { "width", "height" }));
    }

    [Theory]
    [InlineData("https://example.org/embed/indicators/gdp", null, true)]
    [InlineData(null, null, false)]
    [InlineData("ftp://example.org/embed/indicators/gdp", null, false)]
    [InlineData("/embed/indicators/gdp", null, false)]
    [InlineData("https://example.org/embed/indicators/gdp", "yaml", false)]
    public void OEmbedNeedsAnAbsoluteHttpUrlAndJson(string? url, string? format, bool valid)
    {
        var result = new OEmbedRequestValidator().Validate(new OEmbedRequest { Url = url, Format = format });

        Assert.Equal(valid, result.IsValid);
    }
}
