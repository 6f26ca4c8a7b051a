namespace Indicators.Api.Data;

/// <summary>
/// The one condition every query puts on every table of records: the row is the version release @Release
/// holds (valid from valid_from up to, not including, valid_to; NULL is still valid). Queries bind @Release
/// to <see cref="ReleaseStamp.Seq"/>.
/// </summary>
internal static class Validity
{
    public const string Parameter = "Release";

    /// <summary>The condition on the table aliased <paramref name="alias"/> at @Release (or another parameter).</summary>
    public static string At(string alias, string parameter = Parameter) =>
        $"{alias}.valid_from <= @{parameter} AND ({alias}.valid_to IS NULL OR {alias}.valid_to > @{parameter})";
}
