using System.Globalization;

namespace Indicators.Api.Observations;

/// <summary>
/// One figure, one wording: the words a figure is shown with (qualifier words, value, unit, kind, period)
/// are built here and nowhere else, so a page, a chart label, an SDMX attribute and a tool result cannot
/// drift apart. The qualifier words are the source's own ("exceeded", "as high as", "within"); only a
/// figure with no words of its own (a derived one) gets the qualifier's plain words.
/// </summary>
internal static class FigureWording
{
    /// <summary>The source's qualifying words, else the plain words of the qualifier ("" for exact).</summary>
    public static string QualifierWords(string qualifier, string? qualifierText) =>
        !string.IsNullOrWhiteSpace(qualifierText) ? qualifierText : PlainQualifierWords(qualifier);

    /// <summary>The qualifier in plain words, for figures the source did not word (derived figures).</summary>
    public static string PlainQualifierWords(string qualifier) => qualifier switch
    {
        "more-than" => "more than",
        "at-least" => "at least",
        "nearly" => "nearly",
        "less-than" => "less than",
        "at-most" => "at most",
        "approximately" => "around",
        _ => "",
    };

    /// <summary>
    /// The number as stated, with thousands separators and every stated decimal (30,000; 17.51; 7.196). A number far
    /// outside what a text writes out (a claim of 1e308, or 1e-300) is written in exponent form, exactly: spelt out it
    /// would be three hundred digits, or round to a "0" that is not the number.
    /// </summary>
    public static string Number(double value) =>
        value != 0 && (Math.Abs(value) >= 1e15 || Math.Abs(value) < 1e-6)
            ? value.ToString(CultureInfo.InvariantCulture)
            : value.ToString("#,0.############", CultureInfo.InvariantCulture);

    /// <summary>The value in its unit: "40%" for percentages, else "126 trillion yuan", "4 hours".</summary>
    public static string ValueWithUnit(double value, UnitResponse unit) =>
        unit.Code == "percent" ? Number(value) + "%" : $"{Number(value)} {unit.Label}";

    /// <summary>The figure as the source states it: "exceeded 126 trillion yuan", "within 4 hours", "as high as 80%".</summary>
    public static string Statement(ObservationResponse figure)
    {
        var (before, number, after) = StatementParts(figure);
        return before + number + after;
    }

    /// <summary>
    /// <see cref="Statement"/> cut around its number, so a page can mark the number up (&lt;data value&gt;) and
    /// still say exactly the same words: Before + Number + After == Statement.
    /// </summary>
    public static (string Before, string Number, string After) StatementParts(ObservationResponse figure)
    {
        var words = QualifierWords(figure.Qualifier, figure.QualifierText);
        var unit = ValueWithUnit(figure.Value, figure.Unit)[Number(figure.Value).Length..];
        return (words.Length == 0 ? "" : words + " ", Number(figure.Value), unit);
    }

    /// <summary>The interval the words pin down, in words: "more than 40%, no upper bound stated".</summary>
    public static string BoundsWords(ObservationResponse figure)
    {
        var b = figure.Bounds;
        string V(double v) => ValueWithUnit(v, figure.Unit);
        return (b.Lower, b.Upper) switch
        {
            ({ } lo, { } hi) when lo == hi => $"exactly {V(lo)}",
            ({ } lo, null) => $"{(b.LowerInclusive == true ? "at least" : "more than")} {V(lo)}; the text states no upper bound",
            (null, { } hi) => $"{(b.UpperInclusive == true ? "at most" : "less than")} {V(hi)}; the text states no lower bound",
            ({ } lo, { } hi) => $"from {V(lo)} to {V(hi)}",
            _ => $"about {V(figure.Value)}; the text states no interval, so none is given",
        };
    }


    /// <summary>The value with the qualifier words but without the unit, for a label on an axis in that unit ("more than 40%").</summary>
    public static string ShortStatement(ObservationResponse figure) =>
        Join(QualifierWords(figure.Qualifier, figure.QualifierText), figure.Unit.Code == "percent" ? Number(figure.Value) + "%" : Number(figure.Value));

    /// <summary>What kind of figure it is, in words; null for a plain actual, which needs no word.</summary>
    public static string? KindWords(string kind) => kind switch
    {
        "target" => "target",
        "plan" => "plan",
        "capacity" => "capacity",
        "in-progress" => "under construction",
        "derived" => "derived",
        _ => null,
    };

    /// <summary>
    /// The statement with the kind where the figure is not a plain actual: "around 5% (target)", "within 4 hours".
    /// A chart labels each mark with it, so a target reads as a target in words, not by colour alone.
    /// </summary>
    public static string StatementWithKind(ObservationResponse figure) =>
        KindWords(figure.Kind) is { } kind ? $"{Statement(figure)} ({kind})" : Statement(figure);

    /// <summary>The whole figure in one line: "more than 40%, Share of world GDP, Global South, now (2024)".</summary>
    public static string Summary(ObservationResponse figure) => $"{StatementWithKind(figure)}, {Subject(figure)}";

    /// <summary>What the figure is of, without its value: "Share of world GDP, Global South, now (2024)".</summary>
    public static string Subject(ObservationResponse figure)
    {
        var entity = figure.Counterpart is { } counterpart ? $"{figure.Entity.Name} (with {counterpart.Name})" : figure.Entity.Name;
        return string.Join(", ", figure.Indicator.Name, entity, figure.Period.Label);
    }

    /// <summary>A unit as a heading over the values drawn in it: "Percent", "Trillion yuan", "Hours".</summary>
    public static string UnitHeading(UnitResponse unit) =>
        unit.Label.Length == 0 ? "" : char.ToUpperInvariant(unit.Label[0]) + unit.Label[1..];

    /// <summary>A value on an axis in its unit: "40%" for percentages, else the number alone ("126").</summary>
    public static string AxisValue(double value, UnitResponse unit) => unit.Code == "percent" ? Number(value) + "%" : Number(value);

    private static string Join(string words, string value) => words.Length == 0 ? value : $"{words} {value}";
}
