using System.Text;
using System.Xml;
using Indicators.Api.Http;
using Indicators.Api.Indicators;
using Indicators.Api.Observations;
using Indicators.Api.Sources;
using Indicators.Api.Data;

namespace Indicators.Api.Pages;

/// <summary>
/// The files a site is expected to have: robots.txt (search pages kept out of indexes), sitemap.xml (every
/// indicator, figure and source page) and the favicon. Not API operations, so not in the OpenAPI document.
/// </summary>
internal static class SiteFiles
{
    /// <summary>A sitemap file holds at most 50,000 URLs (sitemaps.org); past that it lists the first ones.</summary>
    public const int MaxSitemapUrls = 50_000;

    /// <summary>Bars rising in the accent colour: the icon browsers show in the tab.</summary>
    public const string FaviconSvg = """
        <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 16"><rect width="16" height="16" rx="3" fill="#1f5f99"/><rect x="3" y="9" width="2.5" height="4" fill="#fff"/><rect x="6.75" y="6" width="2.5" height="7" fill="#fff"/><rect x="10.5" y="3" width="2.5" height="10" fill="#fff"/></svg>
        """;

    private static readonly byte[] FaviconIco = Ico.Bars();

    public static WebApplication MapSiteFiles(this WebApplication app)
    {
        app.MapGet("/robots.txt", Robots).ExcludeFromDescription();
        app.MapGet("/sitemap.xml", Sitemap).ExcludeFromDescription();
        app.MapGet("/favicon.svg", () => Results.Text(FaviconSvg, "image/svg+xml")).ExcludeFromDescription();
        app.MapGet("/favicon.ico", () => Results.Bytes(FaviconIco, "image/x-icon")).ExcludeFromDescription();
        return app;
    }

    private static IResult Robots(HttpContext http)
    {
        var links = PageContext.For(http).Links;
        return Results.Text($"""
            # Search result pages are endless combinations of filters: the sitemap lists every page worth indexing.
            User-agent: *
            Disallow: {links.Search()}
            Sitemap: {links.Absolute("/sitemap.xml")}

            """, "text/plain; charset=utf-8");
    }

    private static async Task<IResult> Sitemap(HttpContext http, IndicatorsDatabase database, CancellationToken cancellationToken)
    {
        var links = PageContext.For(http).Links;
        var urls = new List<string> { links.Home };
        await using (var connection = await database.OpenAsync(cancellationToken))
        {
            var all = PagePosition.From(null, PagePosition.MaxPageSize.ToString(System.Globalization.CultureInfo.InvariantCulture), null);
            urls.AddRange((await IndicatorQueries.ListAsync(connection, DatasetRelease.Of(http.Request), all, since: null, cancellationToken)).Rows.Take(PagePosition.MaxPageSize).Select(i => links.Indicator(i.Code)));
            urls.AddRange((await SourceQueries.ListAsync(connection, DatasetRelease.Of(http.Request), all, since: null, cancellationToken)).Rows.Take(PagePosition.MaxPageSize).Select(s => links.Source(s.Id)));
        }

        var figures = await PageQueries.ListAsync(
            http, new ListObservationsRequest { PageSize = (MaxSitemapUrls - urls.Count).ToString(System.Globalization.CultureInfo.InvariantCulture), IncludeDerived = "true" },
            null, cancellationToken);
        urls.AddRange(figures.Items.Select(o => links.Observation(o.Id)));

        var xml = new StringBuilder();
        using (var writer = XmlWriter.Create(xml, new XmlWriterSettings { Indent = true, OmitXmlDeclaration = false }))
        {
            writer.WriteStartElement("urlset", "http://www.sitemaps.org/schemas/sitemap/0.9");
            foreach (var url in urls.Take(MaxSitemapUrls))
            {
                writer.WriteStartElement("url");
                writer.WriteElementString("loc", links.Absolute(url));
                writer.WriteEndElement();
            }

            writer.WriteEndElement();
        }

        return Results.Text(xml.ToString().Replace("encoding=\"utf-16\"", "encoding=\"utf-8\"", StringComparison.Ordinal), "application/xml; charset=utf-8");
    }

    /// <summary>A 16x16, 32-bit ICO drawn from the same bars as the SVG, for browsers that ask for /favicon.ico.</summary>
    private static class Ico
    {
        public static byte[] Bars()
        {
            const int size = 16;
            using var stream = new MemoryStream();
            using var w = new BinaryWriter(stream);
            var pixels = size * size * 4;
            var mask = size * 4; // 1-bit AND mask, rows padded to 32 bits
            // ICONDIR and one ICONDIRENTRY
            w.Write((short)0); w.Write((short)1); w.Write((short)1);
            w.Write((byte)size); w.Write((byte)size); w.Write((byte)0); w.Write((byte)0);
            w.Write((short)1); w.Write((short)32); w.Write(40 + pixels + mask); w.Write(6 + 16);
            // BITMAPINFOHEADER: the height counts the mask too
            w.Write(40); w.Write(size); w.Write(size * 2); w.Write((short)1); w.Write((short)32);
            w.Write(0); w.Write(pixels + mask); w.Write(0); w.Write(0); w.Write(0); w.Write(0);
            for (var row = size - 1; row >= 0; row--)
            {
                for (var x = 0; x < size; x++)
                {
                    var bar = (x is >= 3 and < 6 && row >= 9 && row < 13) || (x is >= 7 and < 10 && row >= 6 && row < 13) || (x is >= 11 and < 14 && row >= 3 && row < 13);
                    // BGRA
                    if (bar) { w.Write((byte)255); w.Write((byte)255); w.Write((byte)255); }
                    else { w.Write((byte)0x99); w.Write((byte)0x5f); w.Write((byte)0x1f); }
                    w.Write((byte)255);
                }
            }

            w.Write(new byte[mask]);
            w.Flush();
            return stream.ToArray();
        }
    }
}
