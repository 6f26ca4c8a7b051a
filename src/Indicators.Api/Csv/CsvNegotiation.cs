using Indicators.Api.Http;
using Indicators.Api.Observations;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;

namespace Indicators.Api.Csv;

/// <summary>Marks a list route that also answers CSV; <c>CsvOnly</c> for its .csv URL form.</summary>
internal sealed record CsvMetadata(bool CsvOnly);

/// <summary>
/// Turns a list endpoint's JSON page into CSV when the client asks for it. The endpoint itself stays
/// JSON-only, so both formats come from the same query and the same filters by construction.
/// </summary>
internal sealed class CsvNegotiationFilter(string fileName, bool csvOnly) : IEndpointFilter
{
    /// <summary>
    /// "All rows" for a CSV with no paging parameters: a spreadsheet link has no way to follow
    /// links.next. Should a list ever outgrow it, the response carries a Link rel="next" instead of
    /// silently stopping.
    /// </summary>
    public const string AllRowsPageSize = "10000000";

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var (csv, error) = ResponseFormats.Choose(http.Request, csvOnly);
        if (error is not null)
        {
            return TypedResults.ValidationProblem(
                new Dictionary<string, string[]> { [ResponseFormats.FormatParameter] = [error] },
                title: "One or more query parameters are invalid.",
                detail: $"Invalid parameter(s): {ResponseFormats.FormatParameter}.");
        }

        if (!csvOnly)
        {
            // The same URL answers JSON or CSV by Accept: caches must keep them apart.
            http.Response.Headers.Append(HeaderNames.Vary, HeaderNames.Accept);
        }

        if (!csv)
        {
            return await next(context);
        }

        if (!ResponseFormats.AsksForPage(http.Request))
        {
            AskForAllRows(context.Arguments);
        }

        var result = await next(context);
        var value = (result is INestedHttpResult nested ? nested.Result : result) as IValueHttpResult;
        return CsvRows.Of(value?.Value) is { } table ? new CsvResult(table, FileName(http)) : result;
    }

    private static void AskForAllRows(IList<object?> arguments)
    {
        for (var i = 0; i < arguments.Count; i++)
        {
            arguments[i] = arguments[i] switch
            {
                ListObservationsRequest r => r with { PageSize = AllRowsPageSize },
                ListRequest r => r with { PageSize = AllRowsPageSize },
                var other => other,
            };
        }
    }

    /// <summary>The file name for "Save as": the list's name, prefixed by the route's code where there is one, and its release.</summary>
    private string FileName(HttpContext http)
    {
        var release = Data.DatasetRelease.Of(http.Request).Id;
        return http.Request.RouteValues.TryGetValue("code", out var code) && code is string text
            ? $"{text}-{fileName}-{release}.csv"
            : $"{fileName}-{release}.csv";
    }
}

internal static class CsvNegotiationExtensions
{
    /// <summary>Lets a JSON list route answer CSV too (Accept: text/csv or format=csv).</summary>
    public static RouteHandlerBuilder AnswersCsv(this RouteHandlerBuilder builder, string fileName) =>
        builder.AddEndpointFilter(new CsvNegotiationFilter(fileName, csvOnly: false))
            .WithMetadata(new CsvMetadata(CsvOnly: false));

    /// <summary>Makes a list route the .csv URL form of a JSON list: always CSV.</summary>
    public static RouteHandlerBuilder AnswersOnlyCsv(this RouteHandlerBuilder builder, string fileName) =>
        builder.AddEndpointFilter(new CsvNegotiationFilter(fileName, csvOnly: true))
            .WithMetadata(new CsvMetadata(CsvOnly: true));
}
