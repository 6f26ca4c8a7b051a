using System.Buffers.Text;
using System.Globalization;
using System.Linq.Expressions;
using System.Text;
using FluentValidation;

namespace Indicators.Api.Http;

/// <summary>Where a page starts: by number (offset) or after a row (keyset, from links.next, which names its release).</summary>
internal readonly record struct PagePosition(int Page, int PageSize, long? AfterSeq, int? Release = null)
{
    public const int DefaultPageSize = 100;
    public const int MaxPageSize = 1000;
    public const int MaxPage = 10_000_000;

    public long Offset => AfterSeq is null ? (long)(Page - 1) * PageSize : 0;

    /// <summary>Reads validated paging parameters.</summary>
    public static PagePosition From(string? page, string? pageSize, string? cursor)
    {
        var size = QueryText.ParseOptionalInt(pageSize) ?? DefaultPageSize;
        return cursor is not null && PageCursor.TryDecode(cursor, out var position)
            ? new PagePosition(position.Page, size, position.AfterSeq, position.Release)
            : new PagePosition(QueryText.ParseOptionalInt(page) ?? 1, size, null);
    }
}

/// <summary>
/// The opaque token behind links.next: the next page's number, the last row seen and the release walked, so
/// deep pages cost an index seek rather than an OFFSET scan, and a cursor is never read against a release it
/// does not belong to (seq numbers every version of every release). Clients must not parse it; its format may change.
/// </summary>
internal static class PageCursor
{
    public static string Encode(int page, long afterSeq, int release) =>
        Base64Url.EncodeToString(Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{page}.{afterSeq}.{release}")));

    public static bool TryDecode(string token, out (int Page, long AfterSeq, int Release) position)
    {
        position = default;
        if (token.Length is 0 or > 64 || !Base64Url.IsValid(token))
        {
            return false;
        }

        var parts = Encoding.ASCII.GetString(Base64Url.DecodeFromChars(token)).Split('.');
        if (parts.Length == 3
            && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var page) && page is >= 2 and <= PagePosition.MaxPage
            && long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var afterSeq)
            && int.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var release) && release >= 1)
        {
            position = (page, afterSeq, release);
            return true;
        }

        return false;
    }
}

internal static class PagingRules
{
    /// <summary>The paging rules every list shares.</summary>
    public static void AddPagingRules<T>(
        this AbstractValidator<T> validator, Expression<Func<T, string?>> page, Expression<Func<T, string?>> pageSize,
        Expression<Func<T, string?>>? cursor = null)
    {
        // Expressions, not delegates: FluentValidation names each failure after the member's query name.
        validator.RuleFor(page)
            .Must(v => v is null || QueryText.IsWholeNumberBetween(v, 1, PagePosition.MaxPage))
            .WithMessage((_, v) => $"'page' must be a whole number from 1 to {PagePosition.MaxPage}; got '{v}'.");
        validator.RuleFor(pageSize)
            .Must(v => v is null || QueryText.IsWholeNumberBetween(v, 1, PagePosition.MaxPageSize))
            .WithMessage((_, v) => $"'pageSize' must be a whole number from 1 to {PagePosition.MaxPageSize}; got '{v}'.");
        if (cursor is not null)
        {
            var pageOf = page.Compile();
            validator.RuleFor(cursor)
                .Must(v => v is null || PageCursor.TryDecode(v, out _))
                .WithMessage("'cursor' is not a cursor this service issued: follow links.next as given.")
                .Must((r, v) => v is null || pageOf(r) is null)
                .WithMessage("Give either 'page' or 'cursor', not both.")
                .Must((_, v, context) => v is null || !PageCursor.TryDecode(v, out var at)
                                         || RequestRelease.Of(context) is not { } release || at.Release == release.Seq)
                .WithMessage((_, v) => "'cursor' walks another release than this request reads: follow links.next as given (it names its release).");
        }
    }
}

internal static class Paging
{
    /// <summary>The query changes that turn this page's URL into the next one's.</summary>
    public static IReadOnlyDictionary<string, string?> NextChanges(string cursor) =>
        new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase) { ["page"] = null, ["cursor"] = cursor };
}
