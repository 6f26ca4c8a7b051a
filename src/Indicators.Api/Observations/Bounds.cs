namespace Indicators.Api.Observations;

/// <summary>
/// The interval a qualified figure pins down, by the table published in the README and the OpenAPI
/// description. "Nearly 100 million" is below 100 million; "within 4 hours" is at most 4; "around 5%"
/// gives no hard bound at all, so both ends stay null rather than inventing a tolerance.
/// </summary>
/// <param name="Lower">The lower bound, or null when the text sets none.</param>
/// <param name="LowerInclusive">Whether the lower bound itself is possible; null without a lower bound.</param>
/// <param name="Upper">The upper bound, or null when the text sets none.</param>
/// <param name="UpperInclusive">Whether the upper bound itself is possible; null without an upper bound.</param>
internal sealed record Bounds(double? Lower, bool? LowerInclusive, double? Upper, bool? UpperInclusive)
{
    public static Bounds For(string qualifier, double value) => qualifier switch
    {
        "exact" => new(value, true, value, true),
        "more-than" => new(value, false, null, null),
        "at-least" => new(value, true, null, null),
        "less-than" or "nearly" => new(null, null, value, false),
        "at-most" => new(null, null, value, true),
        _ => new(null, null, null, null), // approximately: no bound is stated
    };
}
