using FluentValidation;
using Indicators.Api.Observations;

namespace Indicators.Api.Import.Validators;

internal sealed class EntityRowValidator : AbstractValidator<EntityRow>
{
    public EntityRowValidator(ImportCatalog catalog)
    {
        RuleFor(r => r.Code).MustBeSlug("code")
            .Must(code => !catalog.Entities.Contains(code!)).WithMessage((_, code) => $"duplicate code '{code}'");
        RuleFor(r => r.Name).Required("name");
        RuleFor(r => r.Type).Must(t => t is not null && Vocabulary.EntityTypes.Contains(t))
            .WithMessage((_, t) => $"type '{t}' is not one of {string.Join(", ", Vocabulary.EntityTypes)}");
        RuleFor(r => r.Description).Required("description");
    }
}
