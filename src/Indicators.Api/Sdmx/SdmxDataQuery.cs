using System.Globalization;
using System.Text.RegularExpressions;
using Indicators.Api.Observations;
using Microsoft.AspNetCore.Mvc;

namespace Indicators.Api.Sdmx;

/// <summary>The query parameters of an SDMX data query (SDMX REST 1.5) that this service honours.</summary>
internal sealed record SdmxDataRequest
{
    /// <summary>Only observations whose period overlaps the period from this one on (inclusive): 2020, 2020-06, 2020-06-30, 2020-Q2 or 2020-S1.</summary>
    /// <example>2020</example>
    [FromQuery(Name = "startPeriod")] public string? StartPeriod { get; init; }

    /// <summary>Only observations whose period overlaps the period up to the end of this one (inclusive), in the same forms as startPeriod.</summary>
    /// <example>2024</example>
    [FromQuery(Name = "endPeriod")] public string? EndPeriod { get; init; }

    /// <summary>At most this many observations per series, counting from the earliest.</summary>
    /// <example>1</example>
    [FromQuery(Name = "firstNObservations")] public string? FirstNObservations { get; init; }

    /// <summary>At most this many observations per series, counting back from the latest.</summary>
    /// <example>1</example>
    [FromQuery(Name = "lastNObservations")] public string? LastNObservations { get; init; }

    /// <summary>TIME_PERIOD (series over time, the default), AllDimensions (a flat list), or any other dimension id (a cross-section).</summary>
    /// <example>TIME_PERIOD</example>
    [FromQuery(Name = "dimensionAtObservation")] public string? DimensionAtObservation { get; init; }

    /// <summary>full (the default), dataonly (no attributes), serieskeysonly (series keys, no observations) or nodata (series without observations).</summary>
    /// <example>full</example>
    [FromQuery(Name = "detail")] public string? Detail { get; init; }

    /// <summary>For a browser, which cannot set Accept: genericdata (SDMX-ML Generic), structurespecificdata (SDMX-ML StructureSpecific) or csvdata (SDMX-CSV 1.0). It overrides Accept.</summary>
    /// <example>csvdata</example>
    [FromQuery(Name = "format")] public string? Format { get; init; }
}

/// <summary>A parsed data query: one set of allowed codes per key dimension (null for any), a period window and the shape.</summary>
internal sealed record SdmxDataQuery(
    IReadOnlyList<IReadOnlySet<string>?> Key, DateOnly? Start, DateOnly? End, int? FirstN, int? LastN, string DimensionAtObservation, string Detail)
{
    public const string AllDimensions = "AllDimensions";

    public static readonly IReadOnlyList<string> Details = ["full", "dataonly", "serieskeysonly", "nodata"];

    public bool Matches(SdmxFigure figure)
    {
        for (var i = 0; i < Key.Count; i++)
        {
            if (Key[i] is { } allowed && !allowed.Contains(figure.Key[i]))
            {
                return false;
            }
        }

        // Overlap, as /v1's from and to: a period counts when any of its days falls in the window.
        return (Start is null || figure.Period.End > Start) && (End is null || figure.Period.Start < End);
    }

    /// <summary>The observations filter the key and window narrow the read to (a superset: Matches decides).</summary>
    public ObservationQueries.Filter Narrowing()
    {
        string? Single(int dimension) => Key[dimension] is { Count: 1 } one ? one.First() : null;
        var counterpart = Single(2);
        return new ObservationQueries.Filter(
            Single(0), Single(1), counterpart == SdmxIds.NotApplicable ? null : counterpart, null, Single(4), null,
            Start?.Year, End?.AddDays(-1).Year);
    }
}

/// <summary>Parses the path and query of a data query; every mistake is an SDMX error naming what was wrong.</summary>
internal static partial class SdmxDataQueries
{
    [GeneratedRegex(@"^[A-Za-z0-9_@$\-]+$")]
    private static partial Regex CodeId();

    [GeneratedRegex(@"^(?<y>\d{4})(-(?<m>0[1-9]|1[0-2])(-(?<d>\d{2})(T[0-9:.+\-Z]+)?)?|-(?<p>[QSA])(?<n>\d))?$")]
    private static partial Regex Period();

    public static (SdmxDataQuery? Query, SdmxError? Error) Parse(
        string flowRef, string? key, string? providerRef, SdmxDataRequest request, IQueryCollection query)
    {
        foreach (var name in QueryNames)
        {
            if (query.TryGetValue(name, out var values) && values.Count > 1)
            {
                return (null, SdmxError.Syntax($"'{name}' was given {values.Count} times; give it once."));
            }
        }

        if (query.ContainsKey("updatedAfter"))
        {
            return (null, SdmxError.NotImplemented("'updatedAfter' is not implemented here: every release is kept, and /v1/observations?changedSince=<release id> gives what changed since one (see /v1/releases)."));
        }

        if (query.TryGetValue("includeHistory", out var history) && !string.Equals(history, "false", StringComparison.OrdinalIgnoreCase))
        {
            return (null, SdmxError.NotImplemented("'includeHistory' is not implemented here: a figure's versions are at /v1/observations/{id}/history, and release= reads any release (see /v1/releases)."));
        }

        if (!IsOurFlow(flowRef))
        {
            return (null, SdmxError.NoResults($"There is no dataflow '{SdmxText.Quote(flowRef)}'. This service has one: {SdmxIds.Agency},{SdmxIds.Dataflow},{SdmxIds.Version}."));
        }

        if (providerRef is not null && !string.Equals(providerRef, "all", StringComparison.Ordinal))
        {
            return (null, SdmxError.NoResults($"There is no data provider '{SdmxText.Quote(providerRef)}': give 'all' or leave it out."));
        }

        var (parsedKey, keyError) = ParseKey(key);
        if (keyError is not null)
        {
            return (null, keyError);
        }

        var (start, startError) = ParsePeriod("startPeriod", request.StartPeriod, end: false);
        var (end, endError) = ParsePeriod("endPeriod", request.EndPeriod, end: true);
        if ((startError ?? endError) is { } periodError)
        {
            return (null, periodError);
        }

        if (start is not null && end is not null && start >= end)
        {
            return (null, SdmxError.Syntax($"'startPeriod' ({SdmxText.Quote(request.StartPeriod!)}) is after 'endPeriod' ({SdmxText.Quote(request.EndPeriod!)})."));
        }

        var (first, firstError) = ParseCount("firstNObservations", request.FirstNObservations);
        var (last, lastError) = ParseCount("lastNObservations", request.LastNObservations);
        if ((firstError ?? lastError) is { } countError)
        {
            return (null, countError);
        }

        var atObservation = request.DimensionAtObservation ?? SdmxIds.TimeDimension;
        if (atObservation != SdmxDataQuery.AllDimensions && !SdmxStructure.IsDimension(atObservation))
        {
            return (null, SdmxError.Syntax(
                $"'dimensionAtObservation' must be {SdmxIds.TimeDimension}, {SdmxDataQuery.AllDimensions} or a dimension of the dataflow ({string.Join(", ", SdmxStructure.Dimensions.Select(d => d.Id))}); got '{SdmxText.Quote(atObservation)}'."));
        }

        var detail = request.Detail ?? "full";
        if (!SdmxDataQuery.Details.Contains(detail))
        {
            return (null, SdmxError.Syntax($"'detail' must be one of {string.Join(", ", SdmxDataQuery.Details)}; got '{SdmxText.Quote(detail)}'."));
        }

        return (new SdmxDataQuery(parsedKey!, start, end, first, last, atObservation, detail), null);
    }

    private static readonly string[] QueryNames =
        ["startPeriod", "endPeriod", "firstNObservations", "lastNObservations", "dimensionAtObservation", "detail", "updatedAfter", "includeHistory"];

    /// <summary>FIGURES, INDICATORS,FIGURES or INDICATORS,FIGURES,1.0 (all and latest allowed for agency and version).</summary>
    public static bool IsOurFlow(string flowRef)
    {
        var parts = flowRef.Split(',');
        return parts switch
        {
            [var id] => id == SdmxIds.Dataflow,
            [var agency, var id] => IsAgency(agency) && id == SdmxIds.Dataflow,
            [var agency, var id, var version] => IsAgency(agency) && id == SdmxIds.Dataflow && version is SdmxIds.Version or "latest",
            _ => false,
        };
    }

    private static bool IsAgency(string agency) => agency is SdmxIds.Agency or "all";

    private static (IReadOnlyList<IReadOnlySet<string>?>? Key, SdmxError? Error) ParseKey(string? key)
    {
        var dimensions = SdmxStructure.Dimensions.Count;
        if (key is null or "" or "all")
        {
            return (new IReadOnlySet<string>?[dimensions], null);
        }

        var parts = key.Split('.');
        if (parts.Length != dimensions)
        {
            return (null, SdmxError.Syntax(
                $"The key '{SdmxText.Quote(key)}' has {parts.Length} dimension(s); this dataflow's key has {dimensions}: {string.Join('.', SdmxStructure.Dimensions.Select(d => d.Id))} (leave a dimension empty for any code, join codes with +)."));
        }

        var sets = new IReadOnlySet<string>?[dimensions];
        for (var i = 0; i < dimensions; i++)
        {
            if (parts[i].Length == 0)
            {
                continue;
            }

            var codes = parts[i].Split('+');
            if (codes.FirstOrDefault(code => !CodeId().IsMatch(code)) is { } bad)
            {
                return (null, SdmxError.Syntax(
                    $"'{SdmxText.Quote(bad)}' in the key is not an SDMX code (letters, digits, _, @, $ and -) for {SdmxStructure.Dimensions[i].Id}."));
            }

            sets[i] = codes.ToHashSet(StringComparer.Ordinal);
        }

        return (sets, null);
    }

    /// <summary>The first day of a period (startPeriod) or the day after its last (endPeriod).</summary>
    private static (DateOnly? Day, SdmxError? Error) ParsePeriod(string name, string? value, bool end)
    {
        if (value is null)
        {
            return (null, null);
        }

        var match = Period().Match(value);
        var invalid = SdmxError.Syntax($"'{name}' must be a year (2020), a month (2020-06), a day (2020-06-30), a quarter (2020-Q2), a half-year (2020-S1) or 2020-A1; got '{SdmxText.Quote(value)}'.");
        if (!match.Success)
        {
            return (null, invalid);
        }

        var year = int.Parse(match.Groups["y"].Value, CultureInfo.InvariantCulture);
        if (year < 1)
        {
            return (null, invalid);
        }

        DateOnly from, to;
        if (match.Groups["p"].Success)
        {
            var n = int.Parse(match.Groups["n"].Value, CultureInfo.InvariantCulture);
            var months = match.Groups["p"].Value switch { "Q" => 3, "S" => 6, _ => 12 };
            if (n < 1 || n > 12 / months)
            {
                return (null, invalid);
            }

            from = SdmxTimePeriod.Later(new DateOnly(year, 1, 1), months: (n - 1) * months);
            to = SdmxTimePeriod.Later(from, months: months);
        }
        else if (match.Groups["d"].Success)
        {
            var month = int.Parse(match.Groups["m"].Value, CultureInfo.InvariantCulture);
            var day = int.Parse(match.Groups["d"].Value, CultureInfo.InvariantCulture);
            if (day < 1 || day > DateTime.DaysInMonth(year, month))
            {
                return (null, invalid);
            }

            from = new DateOnly(year, month, day);
            to = SdmxTimePeriod.Later(from, days: 1);
        }
        else if (match.Groups["m"].Success)
        {
            from = new DateOnly(year, int.Parse(match.Groups["m"].Value, CultureInfo.InvariantCulture), 1);
            to = SdmxTimePeriod.Later(from, months: 1);
        }
        else
        {
            from = new DateOnly(year, 1, 1);
            to = SdmxTimePeriod.Later(from, years: 1);
        }

        return (end ? to : from, null);
    }

    private static (int? Count, SdmxError? Error) ParseCount(string name, string? value)
    {
        if (value is null)
        {
            return (null, null);
        }

        return int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var count) && count >= 1
            ? (count, null)
            : (null, SdmxError.Syntax($"'{name}' must be a whole number from 1 to {int.MaxValue}; got '{SdmxText.Quote(value)}'."));
    }
}
