using System.Security.Cryptography;
using System.Text;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;

namespace Indicators.Api.Tests.Support;

/// <summary>Pages parsed as a browser parses them (AngleSharp's HTML5 parser), for assertions on elements, not strings.</summary>
internal static class PageAssertions
{
    private static readonly HtmlParser Parser = new();

    public static IDocument Parse(string html) => Parser.ParseDocument(html);

    /// <summary>Every inline style and script the page has is allowed by the policy's hashes (JSON-LD is data, not script).</summary>
    public static void AssertInlineBlocksAllowedByPolicy(string html, string policy)
    {
        var document = Parse(html);
        var blocks = document.QuerySelectorAll("style").Select(e => (Kind: "style-src", e.TextContent))
            .Concat(document.QuerySelectorAll("script").Where(e => e.GetAttribute("type") is not "application/ld+json")
                .Select(e => (Kind: "script-src", e.TextContent)));
        foreach (var (kind, text) in blocks)
        {
            var hash = $"'sha256-{Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(text)))}'";
            var directive = policy.Split(';').Select(d => d.Trim()).FirstOrDefault(d => d.StartsWith(kind + " ", StringComparison.Ordinal));
            Assert.True(directive is not null && directive.Contains(hash, StringComparison.Ordinal), $"{kind} {hash} is not in the policy: {policy}");
        }

        Assert.DoesNotContain("unsafe-inline", policy);
    }

    /// <summary>The figure cards of a page: the elements that carry data-observation and data-qualifier.</summary>
    public static IReadOnlyList<IElement> Cards(IDocument document) =>
        document.QuerySelectorAll("[data-observation][data-qualifier]").ToList();
}
