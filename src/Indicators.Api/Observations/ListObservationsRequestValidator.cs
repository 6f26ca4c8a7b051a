using FluentValidation;
using Indicators.Api.Data;
using Indicators.Api.Http;

namespace Indicators.Api.Observations;

internal sealed class ListObservationsRequestValidator : AbstractValidator<ListObservationsRequest>
{
    private readonly DatasetRelease _releases;

    public ListObservationsRequestValidator(KnownCodes codes, DatasetRelease releases)
    {
        _releases = releases;
        // Codes are those of the release the request reads: a list pinned to an old release takes its codes.
        RuleFor(r => r.Indicator).Must((_, v, c) => v is null || codes.IsIndicator(Release(c), v))
            .WithMessage((_, v) => $"'{v}' is not an indicator code in this release; see /v1/indicators.");
        RuleFor(r => r.Entity).Must((_, v, c) => v is null || codes.IsEntity(Release(c), v))
            .WithMessage((_, v) => $"'{v}' is not an entity code in this release; see /v1/entities.");
        RuleFor(r => r.Counterpart).Must((_, v, c) => v is null || codes.IsEntity(Release(c), v))
            .WithMessage((_, v) => $"'{v}' is not an entity code in this release; see /v1/entities.");
        RuleFor(r => r.Source).Must((_, v, c) => v is null || codes.IsSource(Release(c), v))
            .WithMessage((_, v) => $"'{v}' is not a source id in this release; see /v1/sources.");
        RuleFor(r => r.Kind).Must(v => v is null || Vocabulary.IsKind(v))
            .WithMessage((_, v) => $"'{v}' is not a kind; use one of {string.Join(", ", Vocabulary.Kinds)}.");
        RuleFor(r => r.Qualifier).Must(v => v is null || Vocabulary.IsQualifier(v))
            .WithMessage((_, v) => $"'{v}' is not a qualifier; use one of {string.Join(", ", Vocabulary.Qualifiers)}.");
        RuleFor(r => r.From).Must(v => v is null || QueryText.IsWholeNumberBetween(v, -9999, 9999))
            .WithMessage((_, v) => $"'from' must be a year, a whole number from -9999 to 9999; got '{v}'.");
        RuleFor(r => r.To).Must(v => v is null || QueryText.IsWholeNumberBetween(v, -9999, 9999))
            .WithMessage((_, v) => $"'to' must be a year, a whole number from -9999 to 9999; got '{v}'.")
            .Must((r, to) => !QueryText.IsWholeNumber(r.From) || !QueryText.IsWholeNumber(to)
                             || QueryText.ParseInt(r.From!) <= QueryText.ParseInt(to!))
            .WithMessage(r => $"'from' ({r.From}) is after 'to' ({r.To}).");
        RuleFor(r => r.IncludeDerived).Must(v => v is null or "true" or "false")
            .WithMessage((_, v) => $"'includeDerived' must be true or false; got '{v}'.");
        this.AddPagingRules(r => r.Page, r => r.PageSize, r => r.Cursor);
        RuleFor(r => r.Q).Must(v => v is null || SearchText.Parse(v).Error is null)
            .WithMessage((_, v) => SearchText.Parse(v!).Error);
        this.AddChangedSinceRule(r => r.ChangedSince);
    }

    // Validated outside a request (a direct test), codes are checked against the current release.
    private ReleaseStamp Release(ValidationContext<ListObservationsRequest> context) =>
        RequestRelease.Of(context) ?? _releases.Current();
}
