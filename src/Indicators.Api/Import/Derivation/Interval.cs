using System.Numerics;

namespace Indicators.Api.Import.Derivation;

/// <summary>
/// The set of values a figure can take given its qualifier, for checking what a derived figure may claim.
/// Ends are ±infinity when open-ended; an inclusive flag says whether the end itself is possible.
/// Arithmetic is the textbook interval kind: the result holds every value the operation can give.
/// </summary>
internal readonly record struct Interval(double Lo, bool LoInclusive, double Hi, bool HiInclusive)
    : IAdditionOperators<Interval, Interval, Interval>, ISubtractionOperators<Interval, Interval, Interval>,
      IMultiplyOperators<Interval, Interval, Interval>, IDivisionOperators<Interval, Interval, Interval>,
      IUnaryNegationOperators<Interval, Interval>
{
    public static readonly Interval Everything = new(double.NegativeInfinity, false, double.PositiveInfinity, false);

    public static Interval Point(double value) => new(value, true, value, true);

    /// <summary>The interval a stated figure pins down, by the same table the API publishes as <c>bounds</c>.</summary>
    public static Interval Of(string qualifier, double value) => qualifier switch
    {
        "exact" => Point(value),
        "more-than" => new(value, false, double.PositiveInfinity, false),
        "at-least" => new(value, true, double.PositiveInfinity, false),
        "less-than" or "nearly" => new(double.NegativeInfinity, false, value, false),
        "at-most" => new(double.NegativeInfinity, false, value, true),
        _ => Everything, // approximately: no bound, so nothing computed from it is bounded either
    };

    public static Interval operator -(Interval a) => new(-a.Hi, a.HiInclusive, -a.Lo, a.LoInclusive);

    public static Interval operator +(Interval a, Interval b) =>
        new(a.Lo + b.Lo, a.LoInclusive && b.LoInclusive, a.Hi + b.Hi, a.HiInclusive && b.HiInclusive);

    public static Interval operator -(Interval a, Interval b) => a + -b;

    public static Interval operator *(Interval a, Interval b) => Combine(a, b, Multiply);

    public static Interval operator /(Interval a, Interval b)
    {
        // Dividing by anything that may be zero leaves the result unbounded.
        if (b.Contains(0))
        {
            return Everything;
        }

        return Combine(a, b, (x, y) => double.IsInfinity(y) ? (double.IsInfinity(x) ? double.NaN : 0) : x / y);
    }

    public bool Contains(double value) =>
        (Lo < value || (Lo == value && LoInclusive)) && (value < Hi || (value == Hi && HiInclusive));

    /// <summary>Extremes come from the ends: every pair of ends is a candidate, and an undefined one (∞/∞) means no bound.</summary>
    private static Interval Combine(Interval a, Interval b, Func<double, double, double> operation)
    {
        (double Value, bool Inclusive)[] candidates =
        [
            (operation(a.Lo, b.Lo), a.LoInclusive && b.LoInclusive),
            (operation(a.Lo, b.Hi), a.LoInclusive && b.HiInclusive),
            (operation(a.Hi, b.Lo), a.HiInclusive && b.LoInclusive),
            (operation(a.Hi, b.Hi), a.HiInclusive && b.HiInclusive),
        ];
        if (candidates.Any(c => double.IsNaN(c.Value)))
        {
            return Everything;
        }

        var lo = candidates.Min(c => c.Value);
        var hi = candidates.Max(c => c.Value);
        // An end is reached when any pair of ends that gives it is itself reachable.
        return new Interval(
            lo, !double.IsInfinity(lo) && candidates.Any(c => c.Value == lo && c.Inclusive),
            hi, !double.IsInfinity(hi) && candidates.Any(c => c.Value == hi && c.Inclusive));
    }

    /// <summary>0 × ∞ is 0 here: an end at zero stays at zero however far the other operand reaches.</summary>
    private static double Multiply(double x, double y) => x == 0 || y == 0 ? 0 : x * y;
}
