using Indicators.Api.Data;
using Indicators.Api.Import;
using SharpFuzz;

// The import's real check (`import <folder> --check`) on a copy of data/ with one curated file replaced by the
// fuzzer's bytes. A file:line validation error is the expected answer to bad input (exit code 1); only an
// exception escaping the import is a crash. Without afl-fuzz it runs once on standard input, so
// `dotnet Indicators.Import.Fuzz.dll data scratch < crash-file` replays a finding with its stack trace.
if (args.Length is < 2 or > 3)
{
    Console.Error.WriteLine("usage: Indicators.Import.Fuzz <data-folder> <scratch-folder> [curated-file, default observations.csv]");
    return 2;
}

var scratch = ScratchData.CopyFrom(args[0], args[1]);
var target = Path.Combine(scratch, args.Length == 3 ? args[2] : DataSetLoader.ObservationsFile);

Fuzzer.OutOfProcess.Run(input =>
{
    using (var file = File.Create(target))
    {
        input.CopyTo(file);
    }

    ImportCommand.Run([scratch, "--check"], new DatabaseOptions(), TextWriter.Null, TextWriter.Null);
});
return 0;

/// <summary>The folder the import reads: a copy of the curated files (no built database), made once per process.</summary>
internal static class ScratchData
{
    public static string CopyFrom(string data, string scratch)
    {
        // One folder per process: afl-fuzz restarts the child that runs the import after a crash, and the old
        // one may still be writing for a moment.
        var folder = Path.Combine(Path.GetFullPath(scratch), $"data-{Environment.ProcessId}");
        foreach (var file in Directory.EnumerateFiles(data, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(data, file);
            if (relative.EndsWith(".db", StringComparison.Ordinal) || relative.Contains(".db-", StringComparison.Ordinal)
                || relative.EndsWith(".tmp", StringComparison.Ordinal))
            {
                continue;
            }

            var to = Path.Combine(folder, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(to)!);
            File.Copy(file, to, overwrite: true);
        }

        return folder;
    }
}
