using System.Globalization;
using System.Text.RegularExpressions;

namespace Indicators.Api.Http;

/// <summary>
/// Query values arrive as text and are parsed here, after validation, so that a malformed number is a
/// 400 naming its parameter rather than a binding failure.
/// </summary>
internal static partial class QueryText
{
    [GeneratedRegex(@"^-?[0-9]{1,9}$")]
    private static partial Regex WholeNumberPattern();

    public static bool IsWholeNumber(string? value) => value is not null && WholeNumberPattern().IsMatch(value);

    public static bool IsWholeNumberBetween(string? value, int min, int max) =>
        IsWholeNumber(value) && ParseInt(value!) is var n && n >= min && n <= max;

    public static int ParseInt(string value) => int.Parse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);

    public static int? ParseOptionalInt(string? value) => value is null ? null : ParseInt(value);
}
