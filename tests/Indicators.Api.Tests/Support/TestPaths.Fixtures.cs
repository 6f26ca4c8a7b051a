namespace Indicators.Api.Tests.Support;

internal static class Fixtures
{
    public static string Directory(string name) =>
        Path.Combine(TestPaths.RepositoryRoot, "tests", "Indicators.Api.Tests", "Fixtures", name);
}
