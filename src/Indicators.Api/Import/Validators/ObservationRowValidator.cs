using FluentValidation;
using Indicators.Api.Observations;

namespace Indicators.Api.Import.Validators;

/// <summary>
/// The honesty checks on a curated figure: it cites a known source, its quote is that source's own
/// words and pins one place in it, and the qualifier word the curator recorded is in the quote.
/// </summary>
internal sealed class ObservationRowValidator : AbstractValidator<ObservationRow>
{
    private readonly HashSet<string> _seenIds = new(StringComparer.Ordinal);

    public ObservationRowValidator(ImportCatalog catalog)
    {
        RuleLevelCascadeMode = CascadeMode.Stop;

        // Stateful on purpose: rows are validated once each, in file order, so "seen" means "an earlier row".
        RuleFor(r => r.Id).MustBeSlug("id")
            .Must(id => _seenIds.Add(id!)).WithMessage((_, id) => $"duplicate id '{id}'");
        RuleFor(r => r.Source).MustBeOneOf("source", () => catalog.SourceTexts.Keys, "source (see sources.csv)");
        Include(new FigureRowValidator(catalog));
        RuleFor(r => r.Value).Must(RowRules.IsNumber)
            .WithMessage((_, v) => $"value must be a number as stated (digits, '.' for decimals, no thousands separators), got '{v}'");
        RuleFor(r => r.QualifierText)
            .Must((row, text) => row.Qualifier == "exact" || text is not null)
            .WithMessage("qualifier_text is required unless the qualifier is exact: record the source's own word(s)")
            .Must((row, text) => text is null || row.Quote is null || row.Quote.Contains(text, StringComparison.Ordinal))
            .WithMessage((_, text) => $"qualifier_text '{text}' does not occur in the quote");
        RuleFor(r => r.Kind).Must(Vocabulary.IsKind)
            .WithMessage((_, v) => $"kind '{v}' is not one of {string.Join(", ", Vocabulary.Kinds)}");
        RuleFor(r => r.Quote).Required("quote")
            .Must((row, quote) => !catalog.SourceTexts.TryGetValue(row.Source ?? "", out var text)
                                  || OccurrencesIn(text, quote!) > 0)
            .WithMessage((row, _) => $"quote does not occur verbatim in source '{row.Source}'")
            .Must((row, quote) => !catalog.SourceTexts.TryGetValue(row.Source ?? "", out var text)
                                  || OccurrencesIn(text, quote!) == 1)
            .WithMessage((row, quote) =>
                $"quote occurs {OccurrencesIn(catalog.SourceTexts[row.Source!], quote!)} times in source '{row.Source}': quote enough of the sentence to be unique");
    }

    // The rules above ask the same question up to three times per row; a scan of the source text is the
    // costly part of validating a large import, so the last answer is kept (rows are validated one at a time).
    private (string Text, string Quote, int Count)? _lastOccurrences;

    private int OccurrencesIn(string text, string quote)
    {
        if (_lastOccurrences is { } last && ReferenceEquals(last.Text, text) && ReferenceEquals(last.Quote, quote))
        {
            return last.Count;
        }

        var count = CodePoints.OccurrencesOf(text, quote).Count;
        _lastOccurrences = (text, quote, count);
        return count;
    }
}
