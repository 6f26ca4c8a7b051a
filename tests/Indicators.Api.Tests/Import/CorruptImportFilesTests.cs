using System.Security.Cryptography;
using System.Text;
using Indicators.Api.Data;
using Indicators.Api.Import;
using Indicators.Api.Tests.Support;

namespace Indicators.Api.Tests.Import;

/// <summary>
/// Faults: data files damaged as disks, editors and bad copies damage them (garbage bytes, truncation, wrong
/// encoding, NULs, a lost quote, a wrong delimiter...). Each import exits non-zero naming file:line, and
/// leaves the previous database byte for byte as it was, with no temporary file beside it.
/// </summary>
public sealed class CorruptImportFilesTests : IDisposable
{
    private readonly TemporaryDirectory _scratch = new();

    private string DataCopy => Path.Combine(_scratch.Path, "data");

    private string DatabasePath => Path.Combine(_scratch.Path, "db", "indicators.db");

    public CorruptImportFilesTests()
    {
        foreach (var file in Directory.EnumerateFiles(TestPaths.DataDirectory, "*", SearchOption.AllDirectories).Where(f => !f.EndsWith(".db", StringComparison.Ordinal)))
        {
            var target = Path.Combine(DataCopy, Path.GetRelativePath(TestPaths.DataDirectory, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }

        var (exit, _, error) = Import();
        Assert.True(exit == 0, error);
    }

    public void Dispose() => _scratch.Dispose();

    /// <summary>A damaged file, and the file:line the import must name (line 1 when the header itself is damaged).</summary>
    public static TheoryData<string, string, string> Corruptions => new()
    {
        { "observations: random bytes", "observations.csv", "observations.csv:" },
        { "observations: cut mid-quote", "observations.csv", "observations.csv:" },
        { "observations: cut mid-row", "observations.csv", "observations.csv:" },
        { "observations: a NUL in a row", "observations.csv", "observations.csv:" },
        { "observations: invalid UTF-8", "observations.csv", "observations.csv:" },
        { "observations: empty", "observations.csv", "observations.csv:1" },
        { "observations: only a BOM", "observations.csv", "observations.csv:1" },
        { "observations: header only, renamed columns", "observations.csv", "observations.csv:1" },
        { "observations: semicolons", "observations.csv", "observations.csv:1" },
        { "observations: an extra column in a row", "observations.csv", "observations.csv:3" },
        { "observations: a lost closing quote", "observations.csv", "observations.csv:" },
        { "observations: a 1 MB id", "observations.csv", "observations.csv:2" },
        { "observations: a row duplicated", "observations.csv", "observations.csv:3" },
        { "observations: UTF-16 without a BOM", "observations.csv", "observations.csv:" },
        { "units: random bytes", "units.csv", "units.csv:" },
        { "units: truncated to half a header", "units.csv", "units.csv:1" },
        { "entities: a NUL in the header", "entities.csv", "entities.csv:1" },
        { "entities: invalid UTF-8", "entities.csv", "entities.csv:" },
        { "indicators: cut mid-quote", "indicators.csv", "indicators.csv:" },
        { "sources: random bytes", "sources.csv", "sources.csv:" },
        { "source text: emptied", "observations.csv", "observations.csv:" },
        { "source text: invalid UTF-8", "observations.csv", "observations.csv:" },
    };

    [Theory]
    [MemberData(nameof(Corruptions))]
    public void ACorruptFileFailsTheImportWithFileAndLineAndChangesNothing(string corruption, string file, string expected)
    {
        var before = Hash();
        Corrupt(corruption);

        var (exit, _, error) = Import();

        Assert.True(exit != 0, $"{corruption}: exit 0");
        Assert.Contains(expected, error);
        Assert.Matches(@$"{System.Text.RegularExpressions.Regex.Escape(file)}:\d+", error);
        Assert.Equal(before, Hash());
        Assert.Equal(["indicators.db"], Directory.GetFiles(Path.GetDirectoryName(DatabasePath)!).Select(Path.GetFileName));
    }

    private void Corrupt(string corruption)
    {
        var observations = Path.Combine(DataCopy, "observations.csv");
        var bytes = File.ReadAllBytes(observations);
        var text = Encoding.UTF8.GetString(bytes);
        var lines = File.ReadAllLines(observations);
        var random = new Random(corruption.Length);
        byte[] Garbage(int n)
        {
            var garbage = new byte[n];
            random.NextBytes(garbage);
            return garbage;
        }

        switch (corruption)
        {
            case "observations: random bytes": File.WriteAllBytes(observations, Garbage(4096)); break;
            case "observations: cut mid-quote": File.WriteAllText(observations, text[..(text.IndexOf("\"In 2023", StringComparison.Ordinal) + 20)]); break;
            case "observations: cut mid-row": File.WriteAllText(observations, string.Join('\n', lines.Take(3)) + "\n" + lines[3][..40]); break;
            case "observations: a NUL in a row": lines[2] = lines[2].Insert(10, "\0"); File.WriteAllLines(observations, lines); break;
            case "observations: invalid UTF-8": File.WriteAllBytes(observations, [.. bytes.Take(bytes.Length / 2), 0xC3, 0x28, 0xFF, 0xFE, .. bytes.Skip(bytes.Length / 2)]); break;
            case "observations: empty": File.WriteAllText(observations, ""); break;
            case "observations: only a BOM": File.WriteAllBytes(observations, [0xEF, 0xBB, 0xBF]); break;
            case "observations: header only, renamed columns": File.WriteAllText(observations, lines[0].Replace("quote", "citation", StringComparison.Ordinal) + "\n"); break;
            case "observations: semicolons": File.WriteAllText(observations, lines[0].Replace(',', ';') + "\n"); break;
            case "observations: an extra column in a row": lines[2] += ",surplus"; File.WriteAllLines(observations, lines); break;
            case "observations: a lost closing quote": File.WriteAllText(observations, text.Replace("trillion yuan ($17.51 trillion)\"", "trillion yuan ($17.51 trillion)", StringComparison.Ordinal)); break;
            case "observations: a 1 MB id": SetCell("observations.csv", 1, "id", new string('x', 1 << 20)); break;
            case "observations: a row duplicated": File.WriteAllLines(observations, [lines[0], lines[1], lines[1], .. lines.Skip(2)]); break;
            case "observations: UTF-16 without a BOM": File.WriteAllText(observations, text, new UnicodeEncoding(bigEndian: false, byteOrderMark: false)); break;
            case "units: random bytes": File.WriteAllBytes(Path.Combine(DataCopy, "units.csv"), Garbage(1000)); break;
            case "units: truncated to half a header": File.WriteAllText(Path.Combine(DataCopy, "units.csv"), "id,co"); break;
            case "entities: a NUL in the header": Rewrite("entities.csv", t => t.Insert(3, "\0")); break;
            case "entities: invalid UTF-8": File.WriteAllBytes(Path.Combine(DataCopy, "entities.csv"), [.. File.ReadAllBytes(Path.Combine(DataCopy, "entities.csv")), 0x63, 0x68, 0xE2, 0x28, 0xA1, 0x0A]); break;
            case "indicators: cut mid-quote": Rewrite("indicators.csv", t => t[..(t.IndexOf('"', StringComparison.Ordinal) + 10)]); break;
            case "sources: random bytes": File.WriteAllBytes(Path.Combine(DataCopy, "sources.csv"), Garbage(2000)); break;
            case "source text: emptied": File.WriteAllText(Path.Combine(DataCopy, "sources", "enhancing-china-pakistan-cooperation.txt"), ""); break;
            case "source text: invalid UTF-8": File.WriteAllBytes(Path.Combine(DataCopy, "sources", "enhancing-china-pakistan-cooperation.txt"), Garbage(3000)); break;
            default: throw new ArgumentOutOfRangeException(nameof(corruption), corruption, null);
        }
    }

    private void Rewrite(string file, Func<string, string> change)
    {
        var path = Path.Combine(DataCopy, file);
        File.WriteAllText(path, change(File.ReadAllText(path)));
    }

    private void SetCell(string file, int row, string column, string value)
    {
        var path = Path.Combine(DataCopy, file);
        var table = CsvTable.Read(path);
        table.Rows[row - 1][Array.IndexOf(table.Header, column)] = value;
        table.Write(path);
    }

    private (int Exit, string Output, string Error) Import()
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = ImportCommand.Run([DataCopy, "--database", DatabasePath], new DatabaseOptions(), output, error);
        return (exit, output.ToString(), error.ToString());
    }

    private string Hash() => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(DatabasePath)));
}
