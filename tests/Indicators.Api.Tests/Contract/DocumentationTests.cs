using System.Text.RegularExpressions;
using Indicators.Api.Tests.Support;

namespace Indicators.Api.Tests.Contract;

/// <summary>The product docs say what the service does: the release ids they show are ones it serves, and they cite no issues.</summary>
public sealed partial class DocumentationTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    [GeneratedRegex(@"\b[0-9a-f]{16}\b")]
    private static partial Regex ReleaseId();

    private static IEnumerable<string> Documents() =>
        Directory.EnumerateFiles(Path.Combine(TestPaths.RepositoryRoot, "docs"), "*.md").Prepend(Path.Combine(TestPaths.RepositoryRoot, "README.md"));

    [Fact]
    public async Task EveryReleaseIdInTheReadmeAndDocsIsOneTheServiceServes()
    {
        using var client = factory.CreateClient();
        var served = (await (await client.GetAsync("/v1/releases?pageSize=1000")).ReadJsonAsync()).GetProperty("items").EnumerateArray()
            .Select(r => r.GetProperty("id").GetString()).ToHashSet();

        foreach (var document in Documents())
        {
            foreach (Match id in ReleaseId().Matches(File.ReadAllText(document)))
            {
                Assert.True(served.Contains(id.Value), $"{Path.GetFileName(document)} shows release {id.Value}; the service serves {string.Join(", ", served)}");
            }
        }
    }

    [Fact]
    public void NoDocumentOpensWithOrCitesAnIssueNumber()
    {
        foreach (var document in Documents())
        {
            Assert.DoesNotMatch(@"(?i)\bissue[s]? #?\d+", File.ReadAllText(document));
        }
    }
}
