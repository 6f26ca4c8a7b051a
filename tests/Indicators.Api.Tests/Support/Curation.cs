using Indicators.Api.Import;
using Indicators.Api.Import.Archive;

namespace Indicators.Api.Tests.Support;

/// <summary>What a curator writes beside a change to a data folder: the reason in the corrections log and a new release note.</summary>
internal static class Curation
{
    /// <summary>The sequence number the data folder's next release gets: one after the archive's last.</summary>
    public static int NextRelease(string data) => ReleaseArchive.ListedIds(data).Count + 1;

    /// <summary>Appends the reason for one change in the next release to corrections.csv.</summary>
    public static void Reason(string data, string record, string id, string change, string reason = "A test changes it.")
    {
        var log = Path.Combine(data, DataSetLoader.CorrectionsFile);
        if (!File.Exists(log))
        {
            File.WriteAllText(log, "release,record,id,change,reason\n");
        }

        File.AppendAllText(log, $"{NextRelease(data)},{record},{id},{change},\"{reason.Replace("\"", "\"\"", StringComparison.Ordinal)}\"\n");
    }

    /// <summary>Gives the next release its note (its first line is the changelog).</summary>
    public static void Note(string data, string line) => File.WriteAllText(Path.Combine(data, ReleaseContent.NoteFile), line + "\n");
}
