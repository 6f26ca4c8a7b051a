using System.Globalization;

namespace Indicators.Api.Import.Derivation;

/// <summary>
/// What a derived figure may honestly claim. The formula is applied to the stated values (the figure's
/// value) and to the intervals their qualifiers allow (its bound): "11 hours to within 4 hours" gives
/// 11 − (−∞, 4] = [7, ∞), so "at least 7" and nothing stronger. A value written with d decimals must equal
/// the computation rounded to d decimals, and a bound must be rounded towards the safe side (63.6, never
/// 63.7, for at least 63.636…), so the claim stays true as written.
/// </summary>
internal static class DerivedCheck
{
    public readonly record struct Stated(double Value, string Qualifier);

    /// <summary>The qualifier the inputs' bounds allow, and the unrounded value the curated one must match.</summary>
    public static (string Qualifier, double Value) Expected(Formula formula, Func<string, Stated> input)
    {
        var value = formula.Evaluate(id => input(id).Value, c => c);
        var bounds = formula.Evaluate(id => Interval.Of(input(id).Qualifier, input(id).Value), Interval.Point);
        var qualifier = bounds switch
        {
            _ when Same(bounds.Lo, value) && Same(bounds.Hi, value) => "exact",
            _ when Same(bounds.Lo, value) && double.IsPositiveInfinity(bounds.Hi) => bounds.LoInclusive ? "at-least" : "more-than",
            _ when Same(bounds.Hi, value) && double.IsNegativeInfinity(bounds.Lo) => bounds.HiInclusive ? "at-most" : "less-than",
            // Anything else (no bound, or bounds away from the value) is reported without a bound.
            _ => "approximately",
        };
        return (qualifier, value);
    }

    /// <summary>Null when <paramref name="written"/> is <paramref name="computed"/> rounded as the qualifier requires; else why not.</summary>
    public static string? CheckRounding(string written, double computed, string qualifier)
    {
        var value = double.Parse(written, NumberStyles.Float, CultureInfo.InvariantCulture);
        var decimals = written.Contains('.', StringComparison.Ordinal) ? written.Length - written.IndexOf('.', StringComparison.Ordinal) - 1 : 0;
        var step = Math.Pow(10, -decimals);
        var slack = 1e-9 * Math.Max(1, Math.Abs(computed));
        var ok = qualifier switch
        {
            "at-least" or "more-than" => value <= computed + slack && computed - value < step - slack,
            "at-most" or "less-than" => value >= computed - slack && value - computed < step - slack,
            _ => Math.Abs(value - computed) <= (step / 2) + slack,
        };
        if (ok)
        {
            return null;
        }

        var shown = computed.ToString("G10", CultureInfo.InvariantCulture);
        var how = qualifier switch
        {
            "at-least" or "more-than" => "rounded down",
            "at-most" or "less-than" => "rounded up",
            _ => "rounded",
        };
        return $"value {written} is not the formula's result {shown} {how} to {decimals} decimal place(s)";
    }

    private static bool Same(double a, double b) =>
        double.IsFinite(a) && Math.Abs(a - b) <= 1e-9 * Math.Max(1, Math.Abs(b));
}
