using System.Globalization;
using Indicators.Api.Observations;

namespace Indicators.Api.Sdmx;

/// <summary>A figure's period as SDMX writes it, and the days it covers: [Start, End), for startPeriod/endPeriod.</summary>
/// <param name="Text">An ISO 8601 year (2023) or start date and duration (2004-01-01/P21Y), SDMX's ObservationalTimePeriod.</param>
/// <param name="Start">The first day the period covers.</param>
/// <param name="End">The day after the last day it covers.</param>
/// <param name="EndsAtSourceDate">True when the text leaves the end open and the period is closed at the source's date.</param>
internal sealed record SdmxPeriod(string Text, DateOnly Start, DateOnly End, bool EndsAtSourceDate);

/// <summary>
/// Writes a figure's period in SDMX's terms without inventing one. A single year is that year; a range of
/// years is its first day and a duration in whole years (2004–2024 is 2004-01-01/P21Y, since "2004/2024" is no
/// SDMX period); an open end ("since 2012") in a dated source ends at the source's date, flagged in PERIOD_END.
/// A figure with no years, a start-less range, or an open end in an undated source has no period SDMX can hold:
/// the reason says why, and the figure stays out of the dataflow.
/// </summary>
internal static class SdmxTimePeriod
{
    public static (SdmxPeriod? Period, string? Reason) Of(ObservationResponse figure)
    {
        var (start, end) = (figure.Period.StartYear, figure.Period.EndYear);
        var stated = $"its period is \"{figure.Period.Label}\"";
        if (start is null && end is null)
        {
            return (null, $"{stated}, with no years: an SDMX observation needs a time period and none is invented");
        }

        if (start is null)
        {
            return (null, $"{stated}, with an end but no start: an SDMX period needs its start");
        }

        if (start is < 1 or > 9999 || end is < 1 or > 9999 || end < start)
        {
            return (null, $"{stated}, whose years SDMX cannot write as a Gregorian period");
        }

        var first = new DateOnly(start.Value, 1, 1);
        if (end == start)
        {
            return (new SdmxPeriod(Year(start.Value), first, Later(first, years: 1), false), null);
        }

        if (end is { } last)
        {
            var years = last - start.Value + 1;
            return (new SdmxPeriod(Range(first, $"P{years}Y"), first, Later(first, years: years), false), null);
        }

        // An open end: the text says "since 2012" and no more. A dated source said it on its date, so the period
        // ran at least to that day; an undated source gives no day to end on.
        if (figure.StatedOn is null || !DateOnly.TryParseExact(figure.StatedOn, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var said))
        {
            return (null, $"{stated}, open-ended, in a source that gives no date: the end cannot be known");
        }

        var endExclusive = Later(said, days: 1);
        if (endExclusive <= first)
        {
            return (null, $"{stated}, open-ended, but the source is dated before it starts");
        }

        return (new SdmxPeriod(Range(first, Duration(first, endExclusive)), first, endExclusive, true), null);
    }

    /// <summary>A later day, or the last day there is: 9999's end must not overflow into an exception.</summary>
    public static DateOnly Later(DateOnly day, int years = 0, int months = 0, int days = 0)
    {
        var monthIndex = (day.Year - 1) * 12L + day.Month - 1 + years * 12L + months;
        if (monthIndex >= 9999L * 12)
        {
            return DateOnly.MaxValue;
        }

        var number = (long)day.AddMonths(years * 12 + months).DayNumber + days;
        return number >= DateOnly.MaxValue.DayNumber ? DateOnly.MaxValue : DateOnly.FromDayNumber((int)number);
    }

    private static string Year(int year) => year.ToString("0000", CultureInfo.InvariantCulture);

    private static string Range(DateOnly start, string duration) =>
        start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + "/" + duration;

    /// <summary>The ISO 8601 duration from a 1 January to a later day: P12Y8M10D from 2012-01-01 to 2024-09-11.</summary>
    private static string Duration(DateOnly from, DateOnly to)
    {
        var years = to.Year - from.Year;
        var months = to.Month - from.Month;
        var days = to.Day - from.Day;
        var text = "P";
        text += years > 0 ? $"{years}Y" : "";
        text += months > 0 ? $"{months}M" : "";
        text += days > 0 ? $"{days}D" : "";
        return text == "P" ? "P0D" : text;
    }
}
