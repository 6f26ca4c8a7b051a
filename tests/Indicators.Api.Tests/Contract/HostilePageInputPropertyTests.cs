using System.Text;
using CsCheck;
using Indicators.Api.Tests.Support;

namespace Indicators.Api.Tests.Contract;

/// <summary>
/// Nothing a user sends becomes markup. Generated values carrying a canary element or attribute (closing the
/// attribute, the title, a style or a script first) are sent in q, every facet parameter, path segments and
/// theme, as a browser; each answer (page or error page) is parsed as a browser parses it, and no element or
/// attribute the input carried may exist in the document.
/// </summary>
public sealed class HostilePageInputPropertyTests(UnlimitedApiFactory factory) : IClassFixture<UnlimitedApiFactory>
{
    private const string Canary = "data-canary";

    private static readonly Gen<string> Breakouts = Gen.OneOfConst(
        "", "\"", "'", "\">", "'>", "</title>", "</style>", "</script>", "</textarea>", "-->", "]]>", "</mark>", "</a>", "\" ", "' ", "`");

    private static readonly Gen<string> Payloads = Gen.OneOfConst(
        $"<i {Canary}>x</i>", $"<svg {Canary} onload=alert(1)>", $"<img src=x {Canary} onerror=alert(1)>",
        $" {Canary}=1 ", $"\" {Canary}=\"1", $"' {Canary}='1", $"<script {Canary}>alert(1)</script>", $"<style {Canary}>*{{}}</style>",
        $"<!--<i {Canary}>-->", $"<a href=javascript:alert(1) {Canary}>x</a>");

    private static readonly Gen<string> Hostile = Gen.Select(Gen.String[Gen.Char.AlphaNumeric, 0, 6], Breakouts, Payloads, (a, b, c) => a + b + c);

    private static readonly Gen<string> Target = Gen.OneOf(
        Gen.Select(Gen.OneOfConst("q", "indicator", "entity", "counterpart", "source", "kind", "qualifier", "from", "to", "cursor", "page", "pageSize", "includeDerived"),
            Hostile, (name, value) => $"/search?{name}={Uri.EscapeDataString(value)}"),
        Hostile.Select(v => $"/search?q=china&entity={Uri.EscapeDataString(v)}"),
        Gen.Select(Gen.OneOfConst("indicators", "observations", "sources", "embed/indicators", "nope"), Hostile, (page, v) => $"/{page}/{Uri.EscapeDataString(v)}"),
        Gen.Select(Gen.OneOfConst("theme", "entity", "width", "from"), Hostile, (name, v) => $"/embed/indicators/gdp?{name}={Uri.EscapeDataString(v)}"),
        Hostile.Select(v => $"/indicators/gdp?x={Uri.EscapeDataString(v)}"));

    private readonly HttpClient _client = factory.CreateClient();

    [Fact]
    public Task NoInputEverAppearsInAPageAsAnElementOrAttribute() =>
        Target.SampleAsync(async target =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("http://localhost" + target));
            request.Headers.TryAddWithoutValidation("Accept", "text/html,application/xhtml+xml,*/*;q=0.8");
            using var response = await _client.SendAsync(request);
            Assert.True((int)response.StatusCode < 500, $"{(int)response.StatusCode} for {target}");
            Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
            var html = await response.Content.ReadAsStringAsync();
            var document = PageAssertions.Parse(html);

            var introduced = document.All.Where(e => e.HasAttribute(Canary) || e.Attributes.Any(a => a.Name.StartsWith("on", StringComparison.Ordinal))).ToList();
            Assert.True(introduced.Count == 0, $"{target} introduced {string.Join(", ", introduced.Select(e => e.OuterHtml[..Math.Min(80, e.OuterHtml.Length)]))}");
            Assert.All(document.QuerySelectorAll("script"), s => Assert.DoesNotContain("alert", s.TextContent));
            Assert.All(document.QuerySelectorAll("[href]"), a => Assert.False(a.GetAttribute("href")!.StartsWith("javascript:", StringComparison.OrdinalIgnoreCase), a.OuterHtml));
        }, iter: 1_500, threads: 2, print: t => t);
}
