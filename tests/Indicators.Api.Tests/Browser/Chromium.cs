namespace Indicators.Api.Tests.Browser;

/// <summary>Debian's Chromium, which .ci/install-chromium.sh installs; INDICATORS_CHROMIUM may point elsewhere.</summary>
internal static class Chromium
{
    public static string Path { get; } = Environment.GetEnvironmentVariable("INDICATORS_CHROMIUM") is { Length: > 0 } path
        ? path
        : "/usr/bin/chromium";

    /// <summary>
    /// Why a browser test cannot run here, or null. Only a developer's machine may lack the browser:
    /// under CI (CI=true) a missing Chromium fails the test instead of skipping it.
    /// </summary>
    public static string? MissingReason =>
        File.Exists(Path) || string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase)
            ? null
            : $"Chromium is not installed at {Path}: run .ci/install-chromium.sh (CI does) to run the browser tests.";
}

/// <summary>A test that drives Chromium; skipped, with the reason shown, where a developer has none.</summary>
public sealed class ChromiumFactAttribute : FactAttribute
{
    public ChromiumFactAttribute()
    {
        if (Chromium.MissingReason is { } reason)
        {
            Skip = reason;
        }
    }
}
