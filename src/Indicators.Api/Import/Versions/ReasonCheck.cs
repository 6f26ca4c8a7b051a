namespace Indicators.Api.Import.Versions;

/// <summary>
/// Every change between two releases carries the curator's reason, from the corrections log that is part of
/// the later release (data/corrections.csv, lines "release,record,id,change,reason"). Refused, each at its
/// file:line: a change with no reason, a reason for a change that did not happen (or not as said), and any
/// edit of what an earlier release published (the log only grows, by lines for the new release). A change
/// the curator did not make but that follows from one (offsets that move with a corrected text) needs no
/// reason of its own: it carries its cause's.
/// </summary>
internal sealed class ReasonCheck(int release, List<ImportError> errors)
{
    /// <summary>The order changes are listed in: figures first, then what they refer to.</summary>
    public static readonly string[] RecordOrder = ["observation", "source", "indicator", "entity", "unit", "fact"];

    public void Check(
        List<RecordChange> changes, IEnumerable<string> removedLines, IEnumerable<(CorrectionRow Row, string Place)> addedLines,
        string notePlace, bool noteUnchanged, string missingPlace)
    {
        foreach (var place in removedLines)
        {
            errors.Add(VersionBuilder.Error(place,
                "this line of the corrections log was published with an earlier release and is now changed or gone: a published release "
                + "cannot change (even a typo in a reason is put right by the next release's note)"));
        }

        var reasons = new Dictionary<(string?, string?), (CorrectionRow Row, string Place)>();
        foreach (var (row, place) in addedLines)
        {
            if (row.Release != release.ToString(System.Globalization.CultureInfo.InvariantCulture))
            {
                errors.Add(VersionBuilder.Error(place, int.TryParse(row.Release, out var named) && named < release
                    ? $"a reason for release {row.Release}, which is published: a published release cannot change; reasons added now are for release {release}"
                    : $"names release {row.Release}, but this is release {release}: the lines it adds to the log are for release {release}"));
                continue;
            }

            reasons[(row.Record, row.Id)] = (row, place);
        }

        for (var i = 0; i < changes.Count; i++)
        {
            var change = changes[i];
            if (change.FollowsFrom is not null)
            {
                continue;
            }

            if (reasons.Remove((change.Record, change.Id), out var reason))
            {
                if (reason.Row.Change != change.Change)
                {
                    errors.Add(VersionBuilder.Error(reason.Place,
                        $"says {change.Record} '{change.Id}' was {reason.Row.Change}, but in release {release} it was {change.Change}"));
                }

                changes[i] = change with { Reason = reason.Row.Reason };
                continue;
            }

            var what = change.Fields.Count > 0 ? $" ({string.Join(", ", change.Fields.Select(f => f.Field))})" : "";
            var where = change.New?.Place ?? missingPlace;
            var was = change.New is null && change.Old is not null ? $" (it was {change.Old.Place})" : "";
            errors.Add(VersionBuilder.Error(where,
                $"{change.Record} '{change.Id}' is {change.Change}{what} in release {release}{was}, but the corrections log gives no reason: "
                + $"add the line \"{release},{change.Record},{change.Id},{change.Change},<reason>\" to corrections.csv"));
        }

        foreach (var ((record, id), (_, place)) in reasons)
        {
            errors.Add(VersionBuilder.Error(place, $"gives a reason for {record} '{id}', which did not change in release {release}"));
        }

        // A change that follows from another carries its cause's reason.
        for (var i = 0; i < changes.Count; i++)
        {
            if (changes[i].FollowsFrom is { } cause && cause.Split(' ', 2) is [var record, var id])
            {
                changes[i] = changes[i] with { Reason = changes.FirstOrDefault(c => c.Record == record && c.Id == id)?.Reason };
            }
        }

        if (noteUnchanged)
        {
            errors.Add(VersionBuilder.Error(notePlace,
                $"the release note is the last release's: its first line says what release {release} changes"));
        }
    }
}
