using System.Security.Cryptography;
using Indicators.Api.Tests.Support;

namespace Indicators.Api.Tests.Import;

/// <summary>
/// What the import refuses, each with file:line, exit 1 and the database byte for byte as it was: a change without a
/// reason, a reason for a change that did not happen, and any edit of a published release (its reasons in the log,
/// its rows, texts or manifest in the archive). --publish refuses the same and leaves the archive as it was.
/// </summary>
public sealed class ReleaseRefusalTests : IDisposable
{
    private readonly DataFolder _data = new();
    private readonly TemporaryDirectory _output = new();

    public ReleaseRefusalTests() => Assert.Equal(0, _data.Import(DatabasePath).ExitCode);

    private string DatabasePath => Path.Combine(_output.Path, "indicators.db");

    private int Next => Curation.NextRelease(_data.Path);

    [Fact]
    public void AChangeWithNoReasonIsRefusedAtTheChangedRow()
    {
        Replace("observations.csv", ",2023,2023,2023,true,5.2,percent,", ",2023,2023,2023,true,5.3,percent,");
        _data.WriteNote("Corrects the growth rate.");

        AssertRefused("/observations.csv:4: observation 'china-gdp-growth-2023' is changed (value)",
            $"add the line \"{Next},observation,china-gdp-growth-2023,changed,<reason>\"");
    }

    [Fact]
    public void AWithdrawalWithNoReasonIsRefusedWhereItsReasonWouldGo()
    {
        var lines = File.ReadAllLines(_data.File("observations.csv")).Where(l => !l.StartsWith("china-gdp-growth-2023,", StringComparison.Ordinal));
        File.WriteAllLines(_data.File("observations.csv"), lines);
        _data.WriteNote("Withdraws the growth rate.");

        AssertRefused("/corrections.csv:3: observation 'china-gdp-growth-2023' is withdrawn", "(it was data/releases/rows/observations.csv:");
    }

    [Fact]
    public void AReasonForAChangeThatDidNotHappenIsRefusedAtTheReason()
    {
        _data.WriteNote("Says why nothing changed.");
        _data.Reason("observation", "china-gdp-2023-cny", "changed", "It did not change.");

        AssertRefused("/corrections.csv:3: gives a reason for observation 'china-gdp-2023-cny', which did not change");
    }

    [Fact]
    public void AReasonForAnotherChangeThanTheOneThatHappenedIsRefused()
    {
        Replace("observations.csv", ",2023,2023,2023,true,5.2,percent,", ",2023,2023,2023,true,5.3,percent,");
        _data.WriteNote("Corrects the growth rate.");
        _data.Reason("observation", "china-gdp-growth-2023", "withdrawn", "Wrongly said.");

        AssertRefused("/corrections.csv:3: says observation 'china-gdp-growth-2023' was withdrawn, but in release");
    }

    [Fact]
    public void ANewReleaseMustSayWhatItChangesInItsNote()
    {
        Replace("observations.csv", ",2023,2023,2023,true,5.2,percent,", ",2023,2023,2023,true,5.3,percent,");
        Curation.Reason(_data.Path, "observation", "china-gdp-growth-2023", "changed", "The text says 5.3.");

        AssertRefused("/release-note.txt:1: the release note is the last release's");
    }

    [Fact]
    public void AnEditedReasonOfAPublishedReleaseIsRefused()
    {
        Replace("corrections.csv", "The source text states no URL", "The source states no URL");
        _data.WriteNote("Puts a published reason right.");

        AssertRefused("/corrections.csv:2: a reason for release 7, which is published: a published release cannot change",
            "data/releases/rows/corrections.csv:2: this line of the corrections log was published with an earlier release");
    }

    [Fact]
    public void AReasonNamingALaterReleaseThanTheNextIsRefused()
    {
        _data.WriteNote("Names the wrong release.");
        File.AppendAllText(_data.File("corrections.csv"), $"{Next + 1},observation,china-gdp-2023-cny,changed,Too early.\n");

        AssertRefused($"/corrections.csv:3: names release {Next + 1}, but this is release {Next}");
    }

    [Fact]
    public void AnEditedRowOfTheArchiveIsRefusedAtTheManifestOfEveryReleaseThatHeldIt()
    {
        Replace("releases/rows/observations.csv", "exceeded 126 trillion yuan", "exceeded 127 trillion yuan");

        AssertRefused(
            "/releases/manifests/53db9c8b12bee743.sha256:4: release 1 rebuilds observations.csv from data/releases/rows/observations.csv with SHA-256",
            "/releases/manifests/6232fba9f0a660cc.sha256:4: release 6 rebuilds observations.csv", "a published release was edited");
    }

    [Fact]
    public void AnEditedTextOfTheArchiveIsRefused()
    {
        File.AppendAllText(_data.File("releases/files/1/sources/modernisation-in-china-and-pakistan.txt"), " ");

        AssertRefused("/releases/manifests/53db9c8b12bee743.sha256:9: release 1 rebuilds sources/modernisation-in-china-and-pakistan.txt");
    }

    [Fact]
    public void AnEditedManifestNoLongerHashesToItsIdAndIsRefused()
    {
        Replace("releases/manifests/6232fba9f0a660cc.sha256", "  units.csv", "  units.csv ");

        AssertRefused("/releases/manifests/6232fba9f0a660cc.sha256:1: this manifest hashes to");
    }

    [Fact]
    public void APublicationInterruptedHalfWayIsRefusedUntilTheArchiveIsRestored()
    {
        // The rows of a release were written, its line in releases.csv was not.
        File.AppendAllText(_data.File("releases/rows/units.csv"), $"{Next},,furlongs,furlong,1,furlongs\n");

        AssertRefused($"/releases/rows/units.csv:19: names release {Next}, but releases.csv lists {Next - 1}: was a publication interrupted?");
    }

    [Fact]
    public void PublishRefusesTheSameAndLeavesTheArchiveAsItWas()
    {
        Replace("observations.csv", ",2023,2023,2023,true,5.2,percent,", ",2023,2023,2023,true,5.3,percent,");
        _data.WriteNote("Corrects the growth rate.");
        var archive = Hash(Directory.EnumerateFiles(_data.File("releases"), "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToArray());

        AssertRefused(["--publish"], "no reason");

        Assert.Equal(archive, Hash(Directory.EnumerateFiles(_data.File("releases"), "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToArray()));
    }

    private void AssertRefused(params string[] expected) => AssertRefused([], expected);

    private void AssertRefused(string[] options, params string[] expected)
    {
        var before = Hash(DatabasePath);

        var (exit, _, error) = _data.Import(DatabasePath, options);

        Assert.Equal(1, exit);
        var printed = error.Replace(_data.Path, "data", StringComparison.Ordinal);
        foreach (var text in expected)
        {
            Assert.Contains(text, printed);
        }

        Assert.Contains("the database was not changed", error);
        Assert.Equal(before, Hash(DatabasePath));
    }

    private void Replace(string file, string from, string to)
    {
        var text = File.ReadAllText(_data.File(file));
        Assert.Contains(from, text);
        File.WriteAllText(_data.File(file), text.Replace(from, to, StringComparison.Ordinal));
    }

    private static string Hash(params string[] files) =>
        string.Join(',', files.Select(f => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(f)))));

    public void Dispose()
    {
        _data.Dispose();
        _output.Dispose();
    }
}
