using FluentValidation;
using Indicators.Api.Data;

namespace Indicators.Api.Http;

/// <summary>
/// What a query validator knows of the request's release: <see cref="ValidationFilter{TRequest}"/> passes the
/// release the request reads and the releases there are, so codes are checked against that release's and a
/// cursor or <c>changedSince</c> against the releases. A validator used on its own (no request) checks shapes only.
/// </summary>
internal static class RequestRelease
{
    public const string ReleaseKey = "release";
    public const string ReleasesKey = "releases";
    public const string ChangedSinceParameter = "changedSince";

    public static ReleaseStamp? Of<T>(ValidationContext<T> context) =>
        context.RootContextData.TryGetValue(ReleaseKey, out var value) ? value as ReleaseStamp : null;

    public static DatasetRelease? Releases<T>(ValidationContext<T> context) =>
        context.RootContextData.TryGetValue(ReleasesKey, out var value) ? value as DatasetRelease : null;

    /// <summary>changedSince names a release (as release= does) no later than the one the request reads.</summary>
    public static void AddChangedSinceRule<T>(this AbstractValidator<T> validator, System.Linq.Expressions.Expression<Func<T, string?>> changedSince) =>
        validator.RuleFor(changedSince).Custom((value, context) =>
        {
            if (value is null || Releases(context) is not { } releases || Of(context) is not { } release)
            {
                return;
            }

            var (since, error) = releases.FindNamed(value);
            if (since is null)
            {
                context.AddFailure(error!.Replace("is not a release id", "is not a release id for 'changedSince'", StringComparison.Ordinal));
            }
            else if (since.Seq > release.Seq)
            {
                context.AddFailure($"'changedSince' ({since.Id}) is later than the release this request reads ({release.Id}).");
            }
        });

    /// <summary>The release changedSince names (already validated), or null.</summary>
    public static ReleaseStamp? Since(HttpRequest request, string? changedSince) =>
        changedSince is null ? null : request.HttpContext.RequestServices.GetRequiredService<DatasetRelease>().FindNamed(changedSince).Release;
}
