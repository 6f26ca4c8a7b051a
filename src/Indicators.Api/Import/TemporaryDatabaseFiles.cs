using System.Text.RegularExpressions;

namespace Indicators.Api.Import;

/// <summary>
/// The file a build writes before renaming it over the database (<c>.NAME.GUID.tmp</c> beside it), and the
/// ones a killed import leaves behind: an import ended by SIGKILL (or a power cut) never reaches its own
/// clean-up, so the next build removes them.
/// </summary>
internal static partial class TemporaryDatabaseFiles
{
    /// <summary>Hidden, beside the database (the rename must stay on one file system), unique to one build.</summary>
    public static string NewPath(string databasePath) =>
        Path.Combine(DirectoryOf(databasePath), $".{Path.GetFileName(databasePath)}.{Guid.NewGuid():N}.tmp");

    /// <summary>
    /// Creates the file and holds a shared advisory lock (flock) on it until disposed: the mark of a live
    /// writer. SQLite opens the file on its own and locks with fcntl, which flock does not interfere with.
    /// </summary>
    public static FileStream Claim(string path) =>
        new(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.ReadWrite | FileShare.Delete, bufferSize: 1);

    /// <summary>
    /// Deletes the temporary files of <paramref name="databasePath"/> that no live build holds, and returns them.
    /// </summary>
    /// <remarks>
    /// The rule is the lock, not the age. Every build holds <see cref="Claim"/> on its file from creation to
    /// rename, and the kernel drops that lock when the process ends however it ends, SIGKILL included: a file
    /// that can be locked exclusively has no writer left and is deleted; a locked one belongs to an import
    /// running now (in another process or this one) and is kept. Age would be unsafe: a large import holds a
    /// quarter of a gigabyte of pages in memory and can leave its file unwritten for minutes, so "older than a
    /// minute" could delete a live build's file. Only names of the exact pattern are touched (the database's
    /// own name and a 32-digit GUID); nothing else in the folder is the builder's to delete. Where a file system
    /// has no advisory locks (.NET then opens without locking) every file looks abandoned, and the worst case is
    /// a concurrent import that loses its file and fails at the rename, leaving the database as it was.
    /// </remarks>
    public static IReadOnlyList<string> RemoveAbandoned(string databasePath)
    {
        var directory = DirectoryOf(databasePath);
        var name = Path.GetFileName(databasePath);
        if (!Directory.Exists(directory))
        {
            return [];
        }

        var removed = new List<string>();
        foreach (var path in Directory.EnumerateFiles(directory, $".{name}.*.tmp"))
        {
            // ".NAME." + 32 hex digits + ".tmp", exactly as NewPath writes it.
            var file = Path.GetFileName(path);
            if (file.Length != name.Length + 2 + 32 + ".tmp".Length || !GuidDigits().IsMatch(file.AsSpan(name.Length + 2, 32)))
            {
                continue;
            }

            try
            {
                // Exclusive and non-blocking: it fails at once while any writer holds its shared lock.
                using (new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.None, bufferSize: 1, FileOptions.DeleteOnClose))
                {
                }

                removed.Add(path);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // Held by a live import (or gone, or not ours to open): left alone.
            }
        }

        return removed;
    }

    private static string DirectoryOf(string databasePath) => Path.GetDirectoryName(Path.GetFullPath(databasePath))!;

    [GeneratedRegex("^[0-9a-f]{32}$")]
    private static partial Regex GuidDigits();
}
