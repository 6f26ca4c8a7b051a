using Indicators.Api.Import.Archive;
using Indicators.Api.Import.Versions;

namespace Indicators.Api.Import;

/// <summary>What an import will build: every published release and, when the data folder differs from the last, its release too.</summary>
/// <param name="Archive">The published releases (and the data folder's, staged).</param>
/// <param name="Versions">Every version of every record, ready to write.</param>
/// <param name="DataFolder">The data folder's files, validated, when they are not a published release; else null.</param>
/// <param name="Current">The release served when a request names none: the data folder's.</param>
internal sealed record ReleaseBuildPlan(ReleaseArchive Archive, VersionedData Versions, DataSet? DataFolder, ArchivedRelease Current);

/// <summary>
/// The import's one path, for the CLI and for start-up alike: read and verify the archive, look at the data
/// folder, validate it when it holds something not yet published, and work out every version. Nothing is
/// written here. A data folder that differs from the last published release is built as one more release
/// after the published ones, under its own id (the hash of its own manifest, which no published release
/// has), marked unpublished: a curator previews it; only <c>import --publish</c> publishes it.
/// </summary>
internal static class ReleaseBuild
{
    /// <param name="publishAt">Publish the data folder's release at this time; null to build it unpublished.</param>
    public static (ReleaseBuildPlan? Plan, IReadOnlyList<ImportError> Errors) Prepare(
        string dataDirectory, string display, DateTimeOffset? publishAt, Action<string>? progress = null)
    {
        var (archive, errors) = ReleaseArchive.Read(dataDirectory, display);
        if (errors.Count == 0)
        {
            errors.AddRange(archive.Verify());
        }

        if (errors.Count > 0)
        {
            return (null, errors);
        }

        if (archive.Releases.Count > 0)
        {
            progress?.Invoke($"{archive.Display()}: {archive.Releases.Count} published releases, every file rebuilt and checked against its manifest");
        }

        var (manifest, files) = ReleaseContent.Read(dataDirectory);
        foreach (var entry in manifest.Files)
        {
            progress?.Invoke($"hashed {entry.Path} ({entry.Sha256[..12]}…)");
        }

        DataSet? dataSet = null;
        var last = archive.Releases.Count > 0 ? archive.Releases[^1] : null;
        if (last?.Id != manifest.Id)
        {
            var (loaded, loadErrors) = DataSetLoader.Load(dataDirectory, display, progress);
            if (loaded is null)
            {
                return (null, loadErrors);
            }

            dataSet = loaded;
            if (archive.Releases.FirstOrDefault(r => r.Id == manifest.Id) is { } same)
            {
                return (null, [new ImportError($"{display}/{ReleaseContent.NoteFile}", 1,
                    $"the data folder holds exactly release {same.Seq} ({same.Id}): a release that goes back to it is a new release, with its note and its reasons")]);
            }

            if (publishAt is { } at && last?.PublishedAt is { } before && at < before)
            {
                return (null, [new ImportError(archive.Display(ReleaseArchive.IndexFile), last.Line,
                    $"the clock says {DatabaseBuilder.Time(at)}, before release {last.Seq} was published ({DatabaseBuilder.Time(before)})")]);
            }

            archive.Stage(manifest, path => files[path], publishAt);
        }

        var (versions, versionErrors) = VersionBuilder.Build(archive, display);
        return versions is null
            ? (null, versionErrors)
            : (new ReleaseBuildPlan(archive, versions, dataSet, archive.Releases[^1]), []);
    }
}
