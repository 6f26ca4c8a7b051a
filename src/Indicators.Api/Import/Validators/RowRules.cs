using System.Globalization;
using System.Text.RegularExpressions;
using FluentValidation;

namespace Indicators.Api.Import.Validators;

/// <summary>Rules shared by the row validators; each message names the column as the file spells it.</summary>
internal static partial class RowRules
{
    /// <summary>Ids and codes appear in URLs: lower-case words joined by single hyphens.</summary>
    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex SlugPattern();

    public static bool IsSlug(string? value) => value is { Length: <= 100 } && SlugPattern().IsMatch(value);

    public static IRuleBuilderOptions<T, string?> MustBeSlug<T>(this IRuleBuilder<T, string?> rule, string column) =>
        rule.Must(IsSlug).WithMessage((_, v) =>
            $"{column} must be lower-case letters, digits and single hyphens (at most 100), got '{v}'");

    public static IRuleBuilderOptions<T, string?> Required<T>(this IRuleBuilder<T, string?> rule, string column) =>
        rule.Must(v => !string.IsNullOrWhiteSpace(v)).WithMessage($"{column} is required");

    public static IRuleBuilderOptions<T, string?> MustBeOneOf<T>(
        this IRuleBuilder<T, string?> rule, string column, Func<ICollection<string>> known, string what) =>
        rule.Must(v => v is not null && known().Contains(v))
            .WithMessage((_, v) => $"{column} '{v}' is not a known {what}");

    public static bool IsNumber(string? value) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
        && double.IsFinite(number);

    public static double ParseNumber(string value) =>
        double.Parse(value, NumberStyles.Float, CultureInfo.InvariantCulture);

    public static bool IsYearOrEmpty(string? value) =>
        value is null || (int.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var year)
                          && year is >= -9999 and <= 9999);

    public static int? ParseYear(string? value) =>
        value is null ? null : int.Parse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);

    public static bool IsIsoDateOrEmpty(string? value) =>
        value is null || DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _);

    public static bool IsHttpUrlOrEmpty(string? value) =>
        value is null || (Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == "https" || uri.Scheme == "http"));
}
