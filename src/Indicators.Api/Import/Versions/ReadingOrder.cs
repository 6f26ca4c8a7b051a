namespace Indicators.Api.Import.Versions;

/// <summary>
/// Numbers the versions for the database. Figures get one reading order over every version of every release
/// (observations.seq): by source, then by place in the text, derived figures after the stated ones in their
/// file's order. Restricted to one release, it is that release's reading order, so one index serves every
/// release and a keyset cursor is a seq, whichever release it walks.
/// </summary>
internal static class ReadingOrder
{
    public static void Assign(VersionedData data)
    {
        Number(data.Units);
        Number(data.Sources);
        Number(data.Indicators);
        Number(data.Entities);
        Number(data.Facts);

        var unranked = (int.MaxValue, int.MaxValue);
        var stated = data.Observations.Where(o => o.Derived is null)
            .OrderBy(o => data.SourceOrder.GetValueOrDefault(o.Source, unranked))
            .ThenBy(o => o.QuoteStart).ThenBy(o => o.QuoteEnd)
            .ThenBy(o => o.Key, StringComparer.Ordinal).ThenBy(o => o.From);
        var derived = data.Observations.Where(o => o.Derived is not null).OrderBy(o => o.FileOrder).ThenBy(o => o.From);
        Number(stated.Concat(derived).ToList());
    }

    private static void Number<T>(IReadOnlyList<T> versions)
        where T : RecordVersion
    {
        for (var i = 0; i < versions.Count; i++)
        {
            versions[i].RowId = i + 1;
        }
    }
}
