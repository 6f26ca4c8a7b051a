using System.Globalization;
using System.Text.Json;

namespace Indicators.Api.Tests.Support;

/// <summary>What a figure card shows, read off a DOM (AngleSharp's or Chromium's).</summary>
/// <param name="Text">The card's text content.</param>
/// <param name="DataValues">The value attribute of every &lt;data&gt; in the card.</param>
/// <param name="Quote">The text content of its blockquote, or null.</param>
/// <param name="Qualifier">Its data-qualifier attribute.</param>
internal sealed record CardContent(string Text, IReadOnlyList<string> DataValues, string? Quote, string? Qualifier);

/// <summary>
/// The figure-card invariant, against the figure's JSON: the qualifier words, the value (also as &lt;data value&gt;
/// equal to the JSON's value), the unit and the period are shown, and the quote verbatim.
/// </summary>
internal static class FigureInvariant
{
    public static void Assert(CardContent card, JsonElement figure)
    {
        var id = figure.GetProperty("id").GetString();
        var value = figure.GetProperty("value").GetDouble();
        Xunit.Assert.True(card.DataValues.Count > 0, $"{id}: no <data value>");
        Xunit.Assert.All(card.DataValues, v => Xunit.Assert.Equal(value, double.Parse(v, CultureInfo.InvariantCulture)));
        Xunit.Assert.Equal(figure.GetProperty("qualifier").GetString(), card.Qualifier);

        if (figure.GetProperty("qualifierText").GetString() is { } words)
        {
            Xunit.Assert.Contains(words, card.Text);
        }

        var number = value.ToString("#,0.############", CultureInfo.InvariantCulture);
        var unit = figure.GetProperty("unit");
        Xunit.Assert.Contains(unit.GetProperty("code").GetString() == "percent" ? number + "%" : $"{number} {unit.GetProperty("label").GetString()}", card.Text);
        Xunit.Assert.Contains(figure.GetProperty("period").GetProperty("label").GetString()!, card.Text);

        if (figure.GetProperty("citation").ValueKind == JsonValueKind.Object)
        {
            Xunit.Assert.Equal(figure.GetProperty("citation").GetProperty("quote").GetString(), card.Quote);
        }
        else
        {
            Xunit.Assert.Null(card.Quote);
            Xunit.Assert.Contains(figure.GetProperty("formula").GetString()!, card.Text);
        }
    }
}
