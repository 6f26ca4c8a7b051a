// Calls the live service through the client Kiota generated from openapi.yaml: a list walked page by page through
// links.next, one figure read with the generated qualifier and kind enums, and one 404 as the generated problem type.
using Indicators.Client;
using Indicators.Client.Models;
using Microsoft.Kiota.Abstractions.Authentication;
using Microsoft.Kiota.Http.HttpClientLibrary;

var baseUrl = Environment.GetEnvironmentVariable("BASE") ?? throw new InvalidOperationException("BASE is not set");
using var http = new HttpClient();
var adapter = new HttpClientRequestAdapter(new AnonymousAuthenticationProvider(), httpClient: http) { BaseUrl = baseUrl };
var client = new IndicatorsApiClient(adapter);

void Check(bool ok, string what)
{
    if (!ok)
    {
        Console.Error.WriteLine($"FAILED: {what}");
        Environment.Exit(1);
    }
}

// A paged list: follow links.next (opaque; its cursor is handed back as given) to the end.
var seen = new List<string>();
string? cursor = null;
long total = -1;
do
{
    var page = await client.V1.Observations.GetAsync(request =>
    {
        request.QueryParameters.PageSize = 5;
        request.QueryParameters.Cursor = cursor;
    });
    Check(page?.Items is not null && page.Release is { Length: > 0 }, "a page with items and its release");
    total = page!.Total!.Value;
    seen.AddRange(page.Items!.Select(o => o.Id!));
    var next = page.Links?.Next;
    cursor = next is null ? null : System.Web.HttpUtility.ParseQueryString(new Uri(next).Query)["cursor"];
    Check(next is null || cursor is not null, "links.next carries a cursor");
}
while (cursor is not null);
Check(seen.Count == total && seen.Distinct().Count() == seen.Count, $"walked {seen.Count} figures of {total}");
Console.WriteLine($"kiota client: walked {seen.Count} figures in pages of 5 (total {total})");

// One figure, read through the generated enums: the qualifier is a closed type, not a string.
var figure = await client.V1.Observations["china-gdp-2023-cny"].GetAsync();
Observation_qualifier qualifier = figure!.Qualifier!.Value;
Observation_kind kind = figure.Kind!.Value;
Check(qualifier == Observation_qualifier.MoreThan, $"qualifier {qualifier}");
Check(kind == Observation_kind.Actual, $"kind {kind}");
Check(figure.Value == 126 && figure.Bounds?.Lower == 126 && figure.Bounds.LowerInclusive == false && figure.Bounds.Upper is null, "value and bounds");
Check(figure.Citation?.Quote?.Contains("exceeded 126 trillion yuan", StringComparison.Ordinal) is true, "the quote");
Console.WriteLine($"kiota client: {figure.Id} is {qualifier} {figure.Value} {figure.Unit?.Label} ({kind}), lower bound {figure.Bounds!.Lower} exclusive");

// A 404 arrives as the generated problem type with its status.
try
{
    await client.V1.Observations["no-such-figure"].GetAsync();
    Check(false, "no-such-figure answered");
}
catch (ProblemDetails problem)
{
    Check(problem.ResponseStatusCode == 404 && problem.Status == 404, $"status {problem.ResponseStatusCode}");
    Console.WriteLine($"kiota client: no-such-figure is a {problem.Status} problem: {problem.Detail}");
}
