using System.Buffers.Text;
using System.Globalization;
using System.Linq.Expressions;
using System.Text;
using FluentValidation;

namespace Indicators.Api.Http;

/// <summary>Where a page starts: by number (offset) or after a row (keyset, from links.next).</summary>
internal readonly record struct PagePosition(int Page, int PageSize, long? AfterSeq)
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
            ? new PagePosition(position.Page, size, position.AfterSeq)
            : new PagePosition(QueryText.ParseOptionalInt(page) ?? 1, size, null);
    }
}

/// <summary>
/// The opaque token behind links.next: the next page's number and the last row seen, so deep pages
/// cost an index seek rather than an OFFSET scan. Clients must not parse it; its format may change.
/// </summary>
internal static class PageCursor
{
    public static string Encode(int page, long afterSeq) =>
        Base64Url.EncodeToString(Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{page}.{afterSeq}")));

    public static bool TryDecode(string token, out (int Page, long AfterSeq) position)
    {
        position = default;
        if (token.Length is 0 or > 64 || !Base64Url.IsValid(token))
        {
            return false;
        }

        var parts = Encoding.ASCII.GetString(Base64Url.DecodeFromChars(token)).Split('.');
        if (parts.Length == 2
            && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var page) && page is >= 2 and <= PagePosition.MaxPage
            && long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var afterSeq))
        {
            position = (page, afterSeq);
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
                .WithMessage("Give either 'page' or 'cursor', not both.");
        }
    }
}

internal static class Paging
{
    /// <summary>The query changes that turn this page's URL into the next one's.</summary>
    public static IReadOnlyDictionary<string, string?> NextChanges(string cursor) =>
        new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase) { ["page"] = null, ["cursor"] = cursor };
}
