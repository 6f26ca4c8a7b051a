using FluentValidation;
using Indicators.Api.Import.Derivation;
using Indicators.Api.Observations;

namespace Indicators.Api.Import.Validators;

/// <summary>
/// The honesty checks on a derived figure: its formula names only stated observations of one source,
/// and the value and qualifier are what the import itself computes from them (see <see cref="DerivedCheck"/>).
/// </summary>
internal sealed class DerivedRowValidator : AbstractValidator<DerivedRow>
{
    private readonly HashSet<string> _seenIds = new(StringComparer.Ordinal);

    public DerivedRowValidator(ImportCatalog catalog)
    {
        RuleLevelCascadeMode = CascadeMode.Stop;
        ClassLevelCascadeMode = CascadeMode.Continue;

        RuleFor(r => r.Id).MustBeSlug("id")
            .Must(id => !catalog.Stated.ContainsKey(id!)).WithMessage((_, id) => $"id '{id}' is already a stated observation's id")
            .Must(id => _seenIds.Add(id!)).WithMessage((_, id) => $"duplicate id '{id}'");
        Include(new FigureRowValidator(catalog));
        RuleFor(r => r.Note).Required("note")
            .WithMessage("note is required: write the reasoning beside the formula (what the inputs are, why the bound is what it is)");
        RuleFor(r => r.Value).Must(RowRules.IsNumber)
            .WithMessage((_, v) => $"value must be a number (digits, '.' for decimals), got '{v}'");

        RuleFor(r => r.Formula).Required("formula")
            .Custom((text, context) =>
            {
                if (!Formula.TryParse(text!, out var formula, out var error))
                {
                    context.AddFailure(error);
                    return;
                }

                var unknown = formula!.Inputs.Where(id => !catalog.Stated.ContainsKey(id)).ToList();
                if (unknown.Count > 0)
                {
                    context.AddFailure($"formula names {string.Join(", ", unknown.Select(u => $"'{u}'"))}, not stated observation(s) (see observations.csv)");
                    return;
                }

                var sources = formula.Inputs.Select(id => catalog.Stated[id].Source).Distinct().ToList();
                if (sources.Count > 1)
                {
                    context.AddFailure($"formula's inputs cite {sources.Count} sources ({string.Join(", ", sources)}); a derived figure is computed within one source");
                    return;
                }

                var row = context.InstanceToValidate;
                if (!Vocabulary.IsQualifier(row.Qualifier) || !RowRules.IsNumber(row.Value))
                {
                    return; // reported by their own rules
                }

                var (qualifier, value) = DerivedCheck.Expected(formula, id =>
                    new DerivedCheck.Stated(RowRules.ParseNumber(catalog.Stated[id].Value!), catalog.Stated[id].Qualifier!));
                if (qualifier != row.Qualifier)
                {
                    context.AddFailure($"qualifier must be '{qualifier}': that is what the inputs' qualifiers allow through this formula, not '{row.Qualifier}'");
                    return;
                }

                if (DerivedCheck.CheckRounding(row.Value!, value, qualifier) is { } roundingError)
                {
                    context.AddFailure(roundingError);
                }
            });
    }
}
