using Indicators.Api.Observations;

namespace Indicators.Api.Tests.Observations;

public sealed class FigureWordingTests
{
    [Theory]
    [InlineData(30000, "30,000")]
    [InlineData(17.51, "17.51")]
    [InlineData(7.196, "7.196")]
    [InlineData(0, "0")]
    [InlineData(-63.6, "-63.6")]
    public void NumbersAreWrittenAsATextWritesThem(double value, string words) => Assert.Equal(words, FigureWording.Number(value));

    [Theory]
    [InlineData(1e308, "1E+308")]
    [InlineData(-1e20, "-1E+20")]
    [InlineData(1e-300, "1E-300")]
    [InlineData(2.5e-7, "2.5E-07")]
    public void NumbersNoTextWritesOutAreWrittenExactlyInExponentFormNotAsHundredsOfDigitsOrAsZero(double value, string words) =>
        Assert.Equal(words, FigureWording.Number(value));
}
