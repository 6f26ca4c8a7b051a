using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Indicators.Api.Data;
using Indicators.Api.Observations;

namespace Indicators.Api.Sdmx;

/// <summary>A figure the dataflow leaves out, and why (the dataflow's annotation lists them).</summary>
internal sealed record SdmxExclusion(string FigureId, string Reason);

/// <summary>A code of a codelist the flow uses, with its name and, where there is one, a description.</summary>
internal sealed record SdmxCode(string Id, string Name, string? Description = null);

/// <summary>
/// What the dataflow holds in one release: the codes its keys use, how many figures it has, and which stated
/// figures it leaves out and why. Read once per release: the structure messages and every data query need it.
/// </summary>
internal sealed record SdmxFlowSummary(
    IReadOnlyList<SdmxCode> Indicators, IReadOnlyList<SdmxCode> Areas, IReadOnlyList<SdmxCode> Units, IReadOnlyList<SdmxCode> Kinds,
    int ObservationCount, IReadOnlyList<SdmxExclusion> Excluded, IReadOnlySet<string> ExcludedIds, DateTimeOffset BuiltAt,
    YearCoverage Coverage);

/// <summary>
/// The years the stated figures cover, all of them (in the dataflow or not): the first start, and the last end unless
/// some figure's end cannot be known (open in an undated source), in which case the coverage is open. An open end in
/// a dated source reaches the source's year. The catalogue's temporal coverage.
/// </summary>
internal sealed class YearCoverage
{
    public int? First { get; private set; }

    public int? Last { get; private set; }

    public bool Open { get; private set; }

    public void Add(ObservationResponse figure)
    {
        var (start, end) = (figure.Period.StartYear, figure.Period.EndYear);
        if (start is null && end is null)
        {
            return;
        }

        if (start is { } first)
        {
            First = First is null ? first : Math.Min(First.Value, first);
        }

        var reached = end ?? (figure.StatedOn is { Length: >= 4 } said ? int.Parse(said[..4], System.Globalization.CultureInfo.InvariantCulture) : null);
        if (reached is null)
        {
            Open = true;
        }
        else
        {
            Last = Last is null ? reached : Math.Max(Last.Value, reached.Value);
        }
    }
}

/// <summary>
/// Reads the dataflow through the observations' own query (<see cref="ObservationStream"/>): the stated figures,
/// each mapped by <see cref="SdmxFigures"/>. Figures that would share a key and period with another are left out
/// (both of them), so a (series key, TIME_PERIOD) pair always names exactly one figure.
/// </summary>
internal sealed class SdmxFlow(IndicatorsDatabase database, ObservationCounts counts)
{
    /// <summary>Releases kept at once: the current one, and a few a pinned request may name.</summary>
    private const int KeptReleases = 4;

    private readonly ConcurrentDictionary<string, Lazy<Task<SdmxFlowSummary>>> _summaries = new(StringComparer.Ordinal);

    public Task<SdmxFlowSummary> SummaryAsync(ReleaseStamp release)
    {
        var summary = _summaries.GetOrAdd(release.Id, _ => new Lazy<Task<SdmxFlowSummary>>(() => BuildSummaryAsync(release)));
        if (_summaries.Count > KeptReleases)
        {
            foreach (var old in _summaries.Keys.Where(k => k != release.Id).Take(_summaries.Count - KeptReleases))
            {
                _summaries.TryRemove(old, out _);
            }
        }

        return summary.Value;
    }

    /// <summary>The figures in the dataflow that a filter on the observations can narrow down to, in reading order.</summary>
    public async IAsyncEnumerable<SdmxFigure> FiguresAsync(
        SdmxFlowSummary summary, ObservationQueries.Filter filter, string baseUrl, ReleaseStamp release,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var figure in ObservationStream.ReadAsync(database, counts, filter, baseUrl, release, cancellationToken))
        {
            if (summary.ExcludedIds.Contains(figure.Id))
            {
                continue;
            }

            if (SdmxFigures.From(figure).Figure is { } sdmx)
            {
                yield return sdmx;
            }
        }
    }

    private async Task<SdmxFlowSummary> BuildSummaryAsync(ReleaseStamp release)
    {
        var indicators = new Dictionary<string, SdmxCode>(StringComparer.Ordinal);
        var areas = new Dictionary<string, SdmxCode>(StringComparer.Ordinal);
        var units = new Dictionary<string, (string Code, SortedSet<string> Labels)>(StringComparer.Ordinal);
        var kinds = new HashSet<string>(StringComparer.Ordinal);
        var excluded = new List<SdmxExclusion>();
        // A digest per key, not the key: a million keys as strings would hold hundreds of megabytes.
        var firstWithKey = new Dictionary<UInt128, string>();
        var sharing = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var admitted = 0;
        var coverage = new YearCoverage();
        // Reasons repeat (every "not stated" figure has the same one): one string each, not one per figure.
        var reasons = new Dictionary<string, string>(StringComparer.Ordinal);
        string Shared(string reason) => reasons.TryGetValue(reason, out var shared) ? shared : reasons[reason] = reason;

        await foreach (var figure in ObservationStream.ReadAsync(database, counts, ObservationStream.Stated, "", release, CancellationToken.None))
        {
            coverage.Add(figure);
            var (sdmx, reason) = SdmxFigures.From(figure);
            if (sdmx is null)
            {
                excluded.Add(new SdmxExclusion(figure.Id, Shared(reason!)));
                continue;
            }

            var unitId = sdmx.Key[SdmxFigures.DimensionIndex("UNIT_MEASURE")];
            if (units.TryGetValue(unitId, out var unit) && unit.Code != figure.Unit.Code)
            {
                excluded.Add(new SdmxExclusion(figure.Id, $"its unit '{figure.Unit.Code}' is written {unitId} in SDMX, as is the unit '{unit.Code}'"));
                continue;
            }

            var digest = Digest(sdmx.SeriesKey + "\n" + sdmx.Period.Text);
            if (firstWithKey.TryGetValue(digest, out var first))
            {
                if (!sharing.TryGetValue(first, out var others))
                {
                    sharing[first] = others = [];
                }

                others.Add(figure.Id);
                continue;
            }

            firstWithKey[digest] = figure.Id;
            admitted++;
            indicators.TryAdd(figure.Indicator.Code, new SdmxCode(figure.Indicator.Code, figure.Indicator.Name));
            areas.TryAdd(figure.Entity.Code, new SdmxCode(figure.Entity.Code, figure.Entity.Name));
            if (figure.Counterpart is { } counterpart)
            {
                areas.TryAdd(counterpart.Code, new SdmxCode(counterpart.Code, counterpart.Name));
            }
            else
            {
                areas.TryAdd(SdmxIds.NotApplicable, new SdmxCode(SdmxIds.NotApplicable, "Not applicable", "The figure has no counterpart."));
            }

            if (!units.TryGetValue(unitId, out unit))
            {
                units[unitId] = unit = (figure.Unit.Code, new SortedSet<string>(StringComparer.Ordinal));
            }

            unit.Labels.Add(figure.Unit.Label);
            kinds.Add(figure.Kind);
        }

        // Figures that share a key and a period cannot both be observations: none of them is written, and all are
        // named, with one reason per key (naming a few of them), so a key shared a thousand times costs one string.
        foreach (var (first, others) in sharing)
        {
            admitted--;
            var all = others.Prepend(first).ToList();
            var named = string.Join(", ", all.Take(5)) + (all.Count > 5 ? $" and {all.Count - 5} more" : "");
            var reason = $"{all.Count} figures share every dimension and the time period ({named}): no SDMX key tells them apart";
            excluded.AddRange(all.Select(id => new SdmxExclusion(id, reason)));
        }

        // Codes only for what the admitted figures use; a code of a left-out figure is not offered as a key.
        return new SdmxFlowSummary(
            indicators.Values.OrderBy(c => c.Id, StringComparer.Ordinal).ToList(),
            areas.Values.OrderBy(c => c.Id, StringComparer.Ordinal).ToList(),
            units.OrderBy(u => u.Key, StringComparer.Ordinal)
                .Select(u => new SdmxCode(u.Key, u.Value.Code, $"As the figures state it: {string.Join("; ", u.Value.Labels)} (the multiplier is in UNIT_MULT)."))
                .ToList(),
            SdmxStructure.Kinds.Where(k => kinds.Contains(k.Code)).Select(k => new SdmxCode(k.Code, k.Name)).ToList(),
            admitted,
            excluded,
            excluded.Select(e => e.FigureId).ToHashSet(StringComparer.Ordinal),
            release.BuiltAt,
            coverage);
    }

    private static UInt128 Digest(string key)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(key), hash);
        return new UInt128(BitConverter.ToUInt64(hash[..8]), BitConverter.ToUInt64(hash[8..16]));
    }
}
