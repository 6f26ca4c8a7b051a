using System.Globalization;
using FluentValidation;

namespace Indicators.Api.Import.Validators;

/// <summary>
/// The shape of a corrections-log line: a release number, what kind of record, its id, the change, and the
/// reason (never empty: a change without a reason is refused). Whether the change happened is checked against
/// the releases themselves (<see cref="Versions.ReasonCheck"/>).
/// </summary>
internal sealed class CorrectionRowValidator : AbstractValidator<CorrectionRow>
{
    /// <summary>What a line can be about: the records a release holds (derived figures are observations too).</summary>
    public static readonly IReadOnlyList<string> Records = ["observation", "source", "indicator", "entity", "unit", "fact"];

    public static readonly IReadOnlyList<string> Changes = ["added", "changed", "withdrawn"];

    private readonly HashSet<(string?, string?, string?)> _seen = [];

    public CorrectionRowValidator()
    {
        RuleLevelCascadeMode = CascadeMode.Stop;

        RuleFor(r => r.Release)
            .Must(v => int.TryParse(v, NumberStyles.None, CultureInfo.InvariantCulture, out var seq) && seq >= 1)
            .WithMessage((_, v) => $"release must be a release's sequence number (1, 2, 3 ...), got '{v}'");
        RuleFor(r => r.Record).Must(v => v is not null && Records.Contains(v))
            .WithMessage((_, v) => $"record '{v}' is not one of {string.Join(", ", Records)}");
        RuleFor(r => r.Id).MustBeSlug("id")
            .Must((r, id) => _seen.Add((r.Release, r.Record, id)))
            .WithMessage((r, id) => $"release {r.Release} already gives a reason for {r.Record} '{id}'");
        RuleFor(r => r.Change).Must(v => v is not null && Changes.Contains(v))
            .WithMessage((_, v) => $"change '{v}' is not one of {string.Join(", ", Changes)}");
        RuleFor(r => r.Reason).Required("reason")
            .WithMessage("reason is required: every change carries the curator's reason");
    }
}
