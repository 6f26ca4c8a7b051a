using System.Text;
using Indicators.Api.Import;
using Indicators.Api.Import.Archive;
using Indicators.Api.Tests.Support;

namespace Indicators.Api.Tests.Import;

/// <summary>The archive's line versions give back every release's file byte for byte, whatever the edits between them.</summary>
public sealed class WeaveTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public void EveryVersionOfAFileIsRebuiltExactlyAfterItsLinesAreWoven(int seed)
    {
        var random = new Random(seed);
        var lines = Enumerable.Range(0, 40).Select(i => $"row-{i},{random.Next(100)}").ToList();
        var versions = new List<byte[]>();
        var weave = new Weave("observations.csv", []);
        for (var release = 1; release <= 8; release++)
        {
            // Changed, inserted, deleted and duplicated lines; a file that may or may not end with a line break.
            for (var edit = random.Next(1, 8); edit > 0; edit--)
            {
                var at = random.Next(lines.Count);
                switch (random.Next(4))
                {
                    case 0: lines[at] = $"row-{at},{random.Next(100)}"; break;
                    case 1: lines.Insert(at, $"new-{release}-{edit},\"a, quoted\" “field”"); break;
                    case 2 when lines.Count > 1: lines.RemoveAt(at); break;
                    default: lines.Insert(at, lines[random.Next(lines.Count)]); break;
                }
            }

            var file = Encoding.UTF8.GetBytes(string.Join('\n', lines) + (random.Next(2) == 0 ? "\n" : ""));
            versions.Add(file);
            weave = weave.Append(release, file);
        }

        var (read, error) = Weave.Parse("observations.csv", weave.Serialize(), "rows/observations.csv");

        Assert.Null(error);
        for (var release = 1; release <= versions.Count; release++)
        {
            Assert.Equal(versions[release - 1], read!.Extract(release));
        }

        // A version per change, not a copy per release: far fewer lines than all the releases' lines together.
        Assert.True(read!.Lines.Count < versions.Sum(v => Weave.SplitLines(v).Count) / 2);
    }

    [Fact]
    public void AFileDroppedByARelease()
    {
        var weave = new Weave("derived.csv", []).Append(1, "a\nb\n"u8.ToArray()).Append(2, null).Append(3, "a\nb\n"u8.ToArray());

        Assert.Equal("a\nb\n"u8.ToArray(), weave.Extract(1));
        Assert.Empty(weave.Extract(2));
        Assert.Equal("a\nb\n"u8.ToArray(), weave.Extract(3));
        Assert.Equal("1,2,a\n1,2,b\n1,2,\n3,,a\n3,,b\n3,,\n", Encoding.UTF8.GetString(weave.Serialize()));
    }

    [Fact]
    public void TheRepositorysDataFolderIsItsLastPublishedRelease()
    {
        // What main serves is published: a data change reaches main with its publication, never before.
        var (manifest, _) = ReleaseContent.Read(TestPaths.DataDirectory);

        Assert.Equal(ReleaseArchive.ListedIds(TestPaths.DataDirectory)[^1], manifest.Id);
    }
}
