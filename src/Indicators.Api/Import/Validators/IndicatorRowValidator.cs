using FluentValidation;

namespace Indicators.Api.Import.Validators;

internal sealed class IndicatorRowValidator : AbstractValidator<IndicatorRow>
{
    public IndicatorRowValidator(ImportCatalog catalog)
    {
        RuleFor(r => r.Code).MustBeSlug("code")
            .Must(code => !catalog.Indicators.Contains(code!)).WithMessage((_, code) => $"duplicate code '{code}'");
        RuleFor(r => r.Name).Required("name");
        RuleFor(r => r.Unit).MustBeOneOf("unit", () => catalog.Units, "unit (see units.csv)");
        RuleFor(r => r.Topic).MustBeSlug("topic");
        RuleFor(r => r.Description).Required("description");
    }
}
