using FluentValidation;

namespace Indicators.Api.Import.Validators;

/// <summary>
/// Checks a source's metadata against its text: the title and standfirst must be the document's own
/// words, and every other field is either given by the text or left empty, never made up.
/// </summary>
internal sealed class SourceRowValidator : AbstractValidator<SourceRow>
{
    public SourceRowValidator(ImportCatalog catalog, Func<string, string?> readText)
    {
        RuleFor(r => r.Id).MustBeSlug("id")
            .Must(id => !catalog.SourceTexts.ContainsKey(id!)).WithMessage((_, id) => $"duplicate id '{id}'");
        RuleFor(r => r.File).Required("file")
            .Must(file => readText(file!) is not null)
            .WithMessage((_, file) => $"file '{file}' does not exist under the data folder or is not UTF-8 text");
        RuleFor(r => r.Title).Required("title")
            .Must((row, title) => OccursIn(readText, row.File, title))
            .WithMessage("title does not occur verbatim in the source text");
        RuleFor(r => r.Standfirst)
            .Must((row, standfirst) => standfirst is null || OccursIn(readText, row.File, standfirst))
            .WithMessage("standfirst does not occur verbatim in the source text");
        RuleFor(r => r.PublishedOn).Must(RowRules.IsIsoDateOrEmpty)
            .WithMessage((_, v) => $"published_on must be a date as yyyy-MM-dd or empty, got '{v}'");
        RuleFor(r => r.Url).Must(RowRules.IsHttpUrlOrEmpty)
            .WithMessage((_, v) => $"url must be an absolute http(s) URL or empty, got '{v}'");
    }

    private static bool OccursIn(Func<string, string?> readText, string? file, string? words) =>
        file is not null && words is not null && readText(file) is { } text && text.Contains(words, StringComparison.Ordinal);
}
