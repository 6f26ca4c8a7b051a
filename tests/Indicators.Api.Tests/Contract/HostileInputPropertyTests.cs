using System.Net;
using System.Text;
using System.Text.Json;
using CsCheck;
using Indicators.Api.Tests.Support;
using Xunit.Abstractions;

namespace Indicators.Api.Tests.Contract;

/// <summary>
/// Property-based: thousands of generated hostile query strings and paths per endpoint family, in
/// Development and in Production. Whatever is sent, the answer is never a 5xx, every 4xx is
/// application/problem+json, and a 400 on a query names the parameter(s) at fault among those sent.
/// The per-client rate limit is off here (as in the Benchmark profile); LimitsTests covers it.
/// </summary>
public abstract class HostileInputPropertyTests(ApiFactory factory, ITestOutputHelper output) : IDisposable
{
    /// <summary>Generated requests per endpoint family and environment.</summary>
    private const int Iterations = 5_000;

    private static readonly string[] KnownParameters =
        ["indicator", "entity", "counterpart", "source", "kind", "qualifier", "from", "to", "page", "pageSize", "cursor"];

    private readonly HttpClient _client = factory.CreateClient();
    private readonly System.Collections.Concurrent.ConcurrentDictionary<int, int> _statuses = new();

    /// <summary>What the generated requests got, for the test log: a run that only ever saw 404s would prove little.</summary>
    public void Dispose() =>
        output.WriteLine(string.Join(", ", _statuses.OrderBy(s => s.Key).Select(s => $"{s.Key}: {s.Value}")));

    [Fact]
    public Task ObservationListsAnswerEveryHostileQueryWithDataOrAProblem() =>
        Gen.Select(Gen.OneOf(Gen.Const("/v1/observations"), Gen.Const("/v1/indicators/gdp/observations"),
                Gen.Const("/v1/indicators/travel-time/observations"), HostileSegment.Select(s => $"/v1/indicators/{s}/observations")),
            HostileQuery, ClientAccept)
            .SampleAsync((path, query, accept) => AssertAnswerAsync(path + query.Text, query.Names, accept), iter: Iterations, threads: 2,
                print: t => $"{t.Item1}{t.Item2.Text} (Accept: {t.Item3})");

    [Fact]
    public Task ReferenceListsAndResourcesAnswerEveryHostileRequestWithDataOrAProblem() =>
        Gen.Select(Gen.OneOf(
                Gen.OneOfConst("/v1/indicators", "/v1/entities", "/v1/sources"),
                Gen.Select(Gen.OneOfConst("observations", "indicators", "entities", "sources"), HostileSegment, (r, s) => $"/v1/{r}/{s}"),
                HostileSegment.Select(s => $"/v1/sources/{s}/text")),
            HostileQuery, ClientAccept)
            .SampleAsync((path, query, accept) => AssertAnswerAsync(path + query.Text, query.Names, accept), iter: Iterations, threads: 2,
                print: t => $"{t.Item1}{t.Item2.Text} (Accept: {t.Item3})");

    [Fact]
    public Task ArbitraryPathsAnswerWithAProblemNeverAServerError() =>
        Gen.Select(Gen.OneOf(HostileSegment, Gen.OneOfConst("v1", "V1", "v2", "v1.0", "v01", "v-1", "v99999999999", "swagger", "health", "..", ".", ""))
                .Array[1, 6].Select(segments => "/" + string.Join("/", segments)), HostileQuery, ClientAccept)
            .SampleAsync((path, query, accept) => AssertAnswerAsync(path + query.Text, null, accept), iter: Iterations, threads: 2,
                print: t => $"{t.Item1}{t.Item2.Text} (Accept: {t.Item3})");

    [Fact]
    public Task SdmxRoutesAnswerEveryHostileKeyPeriodAndAcceptWithDataOrAnSdmxError() =>
        Gen.Select(SdmxPath, SdmxQuery, Accept)
            .SampleAsync((path, query, accept) => AssertSdmxAnswerAsync(path + query, accept), iter: Iterations, threads: 2,
                print: t => $"{t.Item1}{t.Item2} Accept: {t.Item3}");

    /// <summary>
    /// The SDMX properties: never a 5xx; a 4xx from an SDMX route is an SDMX-ML error message (its text escaped by the
    /// XML writer, so it parses whatever was sent); a 200 is the representation asked for.
    /// </summary>
    private async Task AssertSdmxAnswerAsync(string target, string? accept)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("http://localhost" + target));
        if (accept is not null)
        {
            request.Headers.TryAddWithoutValidation("Accept", accept);
        }

        using var response = await _client.SendAsync(request);
        var status = (int)response.StatusCode;
        _statuses.AddOrUpdate(status, 1, (_, n) => n + 1);
        Assert.True(status < 500 || status == 501, $"{status} for {target} (Accept: {accept})");
        var body = await response.Content.ReadAsStringAsync();
        var type = response.Content.Headers.ContentType?.MediaType;
        // A generated ".." segment climbs out of /sdmx before the request is sent (URIs drop dot segments), and what
        // answers is then the path it lands on: there an error is the ordinary problem, or an HTML page for a browser.
        var leftSdmx = !request.RequestUri!.AbsolutePath.StartsWith("/sdmx/", StringComparison.OrdinalIgnoreCase)
            && !string.Equals(request.RequestUri.AbsolutePath, "/sdmx", StringComparison.OrdinalIgnoreCase);
        if (leftSdmx && status >= 400)
        {
            Assert.True(type is "application/problem+json" or "text/html", $"{status} {type} for {target}, which lands outside /sdmx");
        }
        else if (status is 414 or 431)
        {
            // The request-size limits answer before routing, as on every path: a problem, like any limit.
            Assert.Equal("application/problem+json", type);
        }
        else if (status >= 400)
        {
            Assert.True(type == "application/xml", $"{status} {type} for {target}");
            var root = System.Xml.Linq.XDocument.Parse(body).Root!;
            Assert.Equal("Error", root.Name.LocalName);
        }
        else if (status == 200 && type != "application/vnd.sdmx.data+csv")
        {
            _ = System.Xml.Linq.XDocument.Parse(body);
        }
    }


    public Task PagesAnswerEveryHostileRequestWithAPageOrAnError() =>
        Gen.Select(Gen.OneOf(
                Gen.OneOfConst("/", "/search", "/search", "/embed/indicators/gdp", "/indicators/gdp", "/robots.txt", "/sitemap.xml"),
                Gen.Select(Gen.OneOfConst("indicators", "observations", "sources", "embed/indicators"), HostileSegment, (r, s) => $"/{r}/{s}")),
            HostileQuery, ClientAccept)
            .SampleAsync((path, query, accept) => AssertAnswerAsync(path + query.Text, null, accept), iter: Iterations, threads: 2,
                print: t => $"{t.Item1}{t.Item2.Text} (Accept: {t.Item3})");

    /// <summary>
    /// What clients send: nothing, curl's */*, JSON, a browser's HTML-first list, rsdmx's application/xml, a
    /// spreadsheet's text/csv, an image fetcher's image/png, and headers that do not parse.
    /// </summary>
    private static readonly Gen<string?> ClientAccept = Gen.OneOfConst<string?>(
        null, "*/*", "application/json", "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", "text/html",
        "application/xml", "text/csv", "image/png", "application/problem+json", "text/html;q=0.5, application/json",
        "no/such;;q=x", ",,,", "*/*;q=0");

    /// <summary>
    /// The properties: never a 5xx; a 4xx is a problem (or, on a page path for a client that ranks HTML first, an
    /// HTML error page); a 400 about a query names parameters that were sent.
    /// </summary>
    private async Task AssertAnswerAsync(string target, IReadOnlyCollection<string>? sentNames, string? accept = null)
    {
        // Absolute, so a path starting with // stays a path rather than naming a host.
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("http://localhost" + target));
        if (accept is not null)
        {
            request.Headers.TryAddWithoutValidation("Accept", accept);
        }

        using var response = await _client.SendAsync(request);
        var status = (int)response.StatusCode;
        _statuses.AddOrUpdate(status, 1, (_, n) => n + 1);
        Assert.True(status < 500, $"{status} for {target} (Accept: {accept})");
        if (status < 400)
        {
            return;
        }

        if (response.Content.Headers.ContentType?.MediaType == "text/html")
        {
            // Only for a page path, and only for a client that ranks text/html first.
            // The path as sent, after the client resolved dot segments.
            var path = request.RequestUri!.AbsolutePath;
            Assert.DoesNotMatch(@"^/[vV][0-9]+(\.[0-9]+)?(/|$)", path);
            Assert.DoesNotMatch(@"^/(swagger|health|oembed)(/|$)", path);
            Assert.StartsWith("text/html", accept);
            var page = PageAssertions.Parse(await response.Content.ReadAsStringAsync());
            Assert.Single(page.QuerySelectorAll("h1"));
            return;
        }

        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(status, body.GetProperty("status").GetInt32());
        if (response.StatusCode == HttpStatusCode.BadRequest && sentNames is not null && body.TryGetProperty("errors", out var errors))
        {
            var named = errors.EnumerateObject().Select(e => e.Name).ToList();
            Assert.NotEmpty(named);
            Assert.All(named, name => Assert.Contains(name, sentNames, StringComparer.OrdinalIgnoreCase));
        }
        else if (response.StatusCode == HttpStatusCode.BadRequest && sentNames is not null)
        {
            // The only 400 without errors is a path problem: an unsupported version.
            Assert.Contains("version", body.GetProperty("title").GetString(), StringComparison.OrdinalIgnoreCase);
        }
    }

    /// <summary>A query string as sent, with the decoded parameter names it carries.</summary>
    public sealed record Query(string Text, IReadOnlyCollection<string> Names);

    private static readonly Gen<string> Numbers = Gen.OneOf(
        Gen.Long.Select(n => n.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        Gen.Int[-3, 10_001].Select(n => n.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        Gen.Double.Select(d => d.ToString("R", System.Globalization.CultureInfo.InvariantCulture)),
        Gen.OneOfConst("NaN", "nan", "Infinity", "-Infinity", "-0", "+1", " 1", "1 ", "1.0", "1e3", "1e309", "0x10", "1,000",
            "2147483647", "2147483648", "-2147483649", "9223372036854775808", "99999999999999999999999999999",
            "１２", "٣", "①", "0", "00001", "-1", "1_000", "1/2", "½"));

    private static readonly Gen<string> Injections = Gen.OneOfConst(
        "' OR 1=1 --", "\"; DROP TABLE observations; --", "1; SELECT * FROM sqlite_master", "%", "_", "%%", "\\", "'",
        "' UNION SELECT id, quote FROM observations --", "gdp' --", "NULL", "null", "undefined", "true", "[]", "{}",
        "\"unbalanced", "NEAR(a b)", "a* OR b", "^x", "quote:china", "AND", "(", ")", "-x", "*", "\"\"", "china OR pakistan",
        "../../etc/passwd", "..%2f..%2f", "<script>alert(1)</script>", "${jndi:ldap://x}", "{{7*7}}", "\0", "\r\nX-Injected: 1");

    private static readonly Gen<string> Vocabulary = Gen.OneOfConst(
        "gdp", "china", "pakistan", "global-south", "world", "actual", "target", "derived", "exact", "more-than", "approximately",
        "enhancing-china-pakistan-cooperation", "modernisation-in-china-and-pakistan", "china-gdp-2023-cny", "travel-time",
        "GDP", "China", "ACTUAL", "MjAuMQ", "MS4x", "AAAA", "", "=");

    private static readonly Gen<string> Unicode = Gen.OneOf(
        Gen.String[Gen.Char, 0, 40],
        Gen.String[Gen.Char['\u0080', '\uFFFF'], 1, 20],
        Gen.OneOfConst("ünïcödé", "中国", "پاکستان", "\u202Eevil", "\uFEFF1", "\uD800", "\uDFFF", "😀", "e\u0301", "İ", "ß", "\u0000"));

    private static readonly Gen<string> Long = Gen.OneOf(
        Gen.Int[100, 3_000].Select(n => new string('9', n)),
        Gen.Int[1_000, 10_000].Select(n => new string('a', n)),
        Gen.Int[10, 400].Select(n => string.Concat(Enumerable.Repeat("%25", n))));

    private static readonly Gen<string> Value = Gen.Frequency(
        (4, Numbers), (3, Injections), (3, Vocabulary), (3, Unicode), (1, Long));

    /// <summary>How a value is written into the URL: escaped, or with raw percent tricks left for the server to untangle.</summary>
    private static readonly Gen<Func<string, string>> Encoding = Gen.OneOfConst<Func<string, string>>(
        Escape,
        v => Escape(v).Replace("%20", "+", StringComparison.Ordinal),
        v => Escape(Escape(v)),
        v => v.Length > 0 ? Escape(v) + "%" : "%",
        v => Escape(v) + "%2",
        v => "%zz" + Escape(v),
        v => "%C0%AF" + Escape(v),
        v => "%FF%FE" + Escape(v),
        v => "%00" + Escape(v),
        v => Escape(v) + "%2e%2e%2f",
        v => Escape(v) + "%26pageSize%3D0");

    private static readonly Gen<string> Name = Gen.Frequency(
        (6, Gen.OneOfConst(KnownParameters)),
        (1, Gen.OneOfConst("PageSize", "PAGE", "Kind", "page ", "page[]", "page.size", "q", "format", "callback", "$filter", "__proto__", "")),
        (1, Gen.String[Gen.Char, 1, 12]));

    private static readonly Gen<(string Name, string Value, Func<string, string> Encode, int Shape)> Parameter =
        Gen.Select(Name, Value, Encoding, Gen.Int[0, 9]);

    private static readonly Gen<Query> HostileQuery = Parameter.Array[0, 8].Select(parameters =>
    {
        if (parameters.Length == 0)
        {
            return new Query("", []);
        }

        var text = new StringBuilder("?");
        var names = new List<string>();
        foreach (var (name, value, encode, shape) in parameters)
        {
            text.Append(text.Length > 1 ? "&" : "");
            names.Add(name.Trim());
            // Shapes: name=value (most), a bare name, a name with '=', a repeated pair, a stray '&'.
            _ = shape switch
            {
                0 => text.Append(Escape(name)),
                1 => text.Append(Escape(name)).Append('='),
                2 => text.Append(Escape(name)).Append('=').Append(encode(value)).Append('&').Append(Escape(name)).Append('=').Append(encode(value)),
                3 => text.Append('&').Append(Escape(name)).Append('=').Append(encode(value)),
                _ => text.Append(Escape(name)).Append('=').Append(encode(value)),
            };
        }

        return new Query(text.ToString(), names);
    });

    /// <summary>
    /// A path segment. NUL (%00) is left out: Kestrel refuses it in a path with its own bare 400 before the
    /// application runs (ServiceProcessTests shows it), and the in-process client cannot send it at all.
    /// </summary>
    private static readonly Gen<string> HostileSegment = Gen.Frequency(
        (3, Value.Select(Escape)),
        (1, Gen.OneOfConst("%2F", "%2e%2e", "..%2F..%2F", "%zz", "%C0%AF", "%252F", ";", ";jsessionid=1", "%20", "~", "@", ":", "%3F", "%23")),
        (1, Value.Select(v => Escape(v) + "%")))
        .Select(segment => segment.Replace("%00", "%01", StringComparison.Ordinal));

    // Declared after the generators they build on: static fields initialise in the order they are written.
    private static readonly Gen<string> SdmxSegment = Gen.Frequency(
        (3, Gen.OneOfConst("FIGURES", "INDICATORS,FIGURES", "INDICATORS,FIGURES,1.0", "all,FIGURES,latest", "all", "INDICATORS", "DSD_FIGURES",
            "CL_AREA", "CL_VALUE_QUALIFIER", "CS_FIGURES", "1.0", "latest", "gdp.china._Z..actual", "....", ".....", "gdp+population.china...",
            "_Z", "china+_Z", "INDICATORS+ECB", "1.0+2.0")),
        (2, Gen.Select(Gen.OneOfConst("gdp", "china", "", "_Z", "actual", "%2B", "CNY+USD", "a%20b", "%01x", "%C3%A9", "%3C%26%3E"), Gen.Int[0, 7])
            .Array[1, 7].Select(parts => string.Join('.', parts.Select(p => p.Item1)))),
        // A dot segment would take the request out of /sdmx (/sdmx/.. is /): those paths are the arbitrary-path test's.
        // Short enough that the request stays under the URL limit: what the limits answer, for any Accept, is LimitsTests'.
        (3, HostileSegment.Where(segment => !IsDotSegment(segment) && segment.Length <= 600)));

    private static bool IsDotSegment(string segment) =>
        Uri.UnescapeDataString(segment.Replace("%2F", "/", StringComparison.OrdinalIgnoreCase)).Split('/').Any(part => part is "." or "..")
        || segment.Contains("%2e", StringComparison.OrdinalIgnoreCase) || segment.Contains("..", StringComparison.Ordinal);

    private static readonly Gen<string> SdmxPath = Gen.OneOf(
        Gen.Select(SdmxSegment, SdmxSegment.Array[0, 2], (flow, rest) => "/sdmx/2.1/data/" + string.Join('/', rest.Prepend(flow))),
        Gen.Select(Gen.OneOfConst("dataflow", "datastructure", "codelist", "conceptscheme", "structure", "categoryscheme", "schema", "data",
                "DATAFLOW", "metadata", "availableconstraint"), SdmxSegment.Array[0, 5],
            (resource, rest) => "/sdmx/2.1/" + string.Join('/', rest.Prepend(resource))),
        SdmxSegment.Array[0, 4].Select(segments => "/sdmx/" + string.Join('/', segments)));

    private static readonly Gen<string> SdmxValue = Gen.Frequency(
        (1, Value.Where(v => v.Length <= 600)),
        (3, Gen.OneOfConst("2020", "2020-06", "2020-06-30", "2020-Q2", "2020-S1", "2020-A1", "9999", "9999-Q4", "9999-12-31", "0000", "2020-Q5",
            "2020-13", "2020-02-30", "2019-W01", "2020-06-30T10:00:00Z", "1", "0", "-1", "2147483648", "AllDimensions", "TIME_PERIOD", "REF_AREA",
            "full", "dataonly", "serieskeysonly", "nodata", "allstubs", "referencestubs", "children", "descendants", "all", "parents",
            "codelist", "genericdata", "structurespecificdata", "csvdata", "jsondata", "structure", "true", "false", "2.1", "1.0.0")));

    private static readonly Gen<string> SdmxQuery = Gen.Select(
            Gen.Frequency(
                (6, Gen.OneOfConst("startPeriod", "endPeriod", "firstNObservations", "lastNObservations", "dimensionAtObservation", "detail",
                    "references", "format", "formatVersion", "updatedAfter", "includeHistory")),
                (1, Name)),
            SdmxValue, Encoding)
        .Array[0, 5]
        .Select(parameters => parameters.Length == 0 ? "" : "?" + string.Join('&', parameters.Select(p => Escape(p.Item1) + "=" + p.Item3(p.Item2))));

    private static readonly Gen<string?> Accept = Gen.Frequency(
        (2, Gen.OneOfConst<string?>(null, null)),
        (4, Gen.OneOfConst<string?>("application/xml", "*/*", "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8",
            "application/vnd.sdmx.genericdata+xml;version=2.1", "application/vnd.sdmx.structurespecificdata+xml;version=2.1",
            "application/vnd.sdmx.data+csv;version=1.0.0", "application/vnd.sdmx.data+csv; version=1.0.0; labels=both", "text/csv",
            "application/vnd.sdmx.structure+xml;version=2.1", "application/json", "application/vnd.sdmx.data+json;version=1.0.0",
            "application/vnd.sdmx.genericdata+xml;version=3.0", "application/xml;q=0", "application/xml;q=abc", "text/*;q=0.5, */*;q=0.1",
            ";;;", "application/", "/", "*/*;version=2.1", "application/xml, text/csv;q=1.5", "")),
        (1, Unicode.Select(u => (string?)u)));

    /// <summary>Percent-encodes every byte outside RFC 3986's unreserved set, from UTF-8 (lone surrogates become U+FFFD).</summary>
    private static string Escape(string value)
    {
        var builder = new StringBuilder();
        foreach (var b in System.Text.Encoding.UTF8.GetBytes(value))
        {
            if (b is (>= (byte)'a' and <= (byte)'z') or (>= (byte)'A' and <= (byte)'Z') or (>= (byte)'0' and <= (byte)'9') or (byte)'-' or (byte)'.' or (byte)'_' or (byte)'~')
            {
                builder.Append((char)b);
            }
            else
            {
                builder.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        return builder.ToString();
    }
}

public sealed class DevelopmentHostileInputPropertyTests(UnlimitedApiFactory factory, ITestOutputHelper output)
    : HostileInputPropertyTests(factory, output), IClassFixture<UnlimitedApiFactory>;

public sealed class ProductionHostileInputPropertyTests(UnlimitedProductionApiFactory factory, ITestOutputHelper output)
    : HostileInputPropertyTests(factory, output), IClassFixture<UnlimitedProductionApiFactory>;
