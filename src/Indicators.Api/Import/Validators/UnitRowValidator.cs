using FluentValidation;

namespace Indicators.Api.Import.Validators;

internal sealed class UnitRowValidator : AbstractValidator<UnitRow>
{
    public UnitRowValidator(ImportCatalog catalog)
    {
        RuleFor(r => r.Id).MustBeSlug("id")
            .Must(id => !catalog.Units.Contains(id!)).WithMessage((_, id) => $"duplicate id '{id}'");
        RuleFor(r => r.Code).Required("code");
        RuleFor(r => r.Scale).Must(v => RowRules.IsNumber(v) && RowRules.ParseNumber(v!) > 0)
            .WithMessage((_, v) => $"scale must be a positive number such as 1 or 1e12, got '{v}'");
        RuleFor(r => r.Label).Required("label");
    }
}
