using FluentValidation;
using Indicators.Api.Observations;

namespace Indicators.Api.Import.Validators;

/// <summary>
/// The checks a stated figure and a derived one share: what it measures, about whom, and for when.
/// Each row validator includes it and adds its own (a quote and source for stated figures, a formula
/// for derived ones).
/// </summary>
internal sealed class FigureRowValidator : AbstractValidator<FigureRow>
{
    public FigureRowValidator(ImportCatalog catalog)
    {
        RuleLevelCascadeMode = CascadeMode.Stop;

        RuleFor(r => r.Indicator).MustBeOneOf("indicator", () => catalog.Indicators, "indicator (see indicators.csv)");
        RuleFor(r => r.Entity).MustBeOneOf("entity", () => catalog.Entities, "entity (see entities.csv)");
        RuleFor(r => r.Counterpart)
            .Must(c => c is null || catalog.Entities.Contains(c))
            .WithMessage((_, c) => $"counterpart '{c}' is not a known entity (see entities.csv)")
            .Must((row, c) => c is null || c != row.Entity)
            .WithMessage("counterpart must differ from entity");
        RuleFor(r => r.PeriodLabel).Required("period_label");
        RuleFor(r => r.StartYear).Must(RowRules.IsYearOrEmpty)
            .WithMessage((_, v) => $"start_year must be a whole year between -9999 and 9999 or empty, got '{v}'");
        RuleFor(r => r.EndYear).Must(RowRules.IsYearOrEmpty)
            .WithMessage((_, v) => $"end_year must be a whole year between -9999 and 9999 or empty, got '{v}'")
            .Must((row, end) => !RowRules.IsYearOrEmpty(row.StartYear) || end is null || row.StartYear is null
                                || RowRules.ParseYear(row.StartYear) <= RowRules.ParseYear(end))
            .WithMessage("end_year is before start_year");
        RuleFor(r => r.PeriodInferred).Must(v => v is "true" or "false")
            .WithMessage((_, v) => $"period_inferred must be true or false, got '{v}'");
        RuleFor(r => r.Unit).MustBeOneOf("unit", () => catalog.Units, "unit (see units.csv)");
        RuleFor(r => r.Qualifier).Must(Vocabulary.IsQualifier)
            .WithMessage((_, v) => $"qualifier '{v}' is not one of {string.Join(", ", Vocabulary.Qualifiers)}");
    }
}
