using System.Security.Cryptography;
using System.Text;

namespace Indicators.Api.Pages;

/// <summary>
/// The pages' one style sheet and one script, inline (no extra request, nothing render-blocking) and allowed
/// by their hashes, so the Content-Security-Policy forbids every other style and script. No fonts are loaded:
/// the system's sans-serif is used.
/// </summary>
internal static class PageAssets
{
    public const string Style = """
        :root{color-scheme:light dark;--bg:#fff;--fg:#1a1a1a;--muted:#595959;--line:#d0d4d9;--card:#f6f7f9;--link:#0b57d0;--mark:#fff1a8;--mark2:#ffd966;--target:#b35c00;--accent:#1f5f99}
        @media (prefers-color-scheme:dark){:root{--bg:#121417;--fg:#e9eaec;--muted:#b4b8bf;--line:#3a3f46;--card:#1c1f24;--link:#8ab4f8;--mark:#5a4a00;--mark2:#7a5c00;--target:#ffb74d;--accent:#8ab4f8}}
        *{box-sizing:border-box}
        html{-webkit-text-size-adjust:100%}
        body{margin:0;background:var(--bg);color:var(--fg);font:1rem/1.55 system-ui,-apple-system,"Segoe UI",Roboto,"DejaVu Sans",sans-serif}
        a{color:var(--link);text-underline-offset:.15em}
        a:focus-visible,button:focus-visible,input:focus-visible,select:focus-visible,[tabindex]:focus-visible{outline:3px solid var(--target);outline-offset:2px}
        .skip{position:absolute;left:.5rem;top:-3rem;background:var(--bg);padding:.5rem;z-index:1}
        .skip:focus{top:.5rem}
        .wrap{max-width:50rem;margin:0 auto;padding:0 1rem}
        header.site{border-bottom:1px solid var(--line)}
        header.site .wrap{display:flex;flex-wrap:wrap;gap:.5rem 1.25rem;align-items:center;padding-top:.6rem;padding-bottom:.6rem}
        .brand{font-weight:700;font-size:1.15rem;color:var(--fg);text-decoration:none;padding:.25rem 0}
        nav.site ul{display:flex;flex-wrap:wrap;gap:.25rem 1rem;list-style:none;margin:0;padding:0}
        nav.site a,.crumbs a,.facets a,.links a,.pager a{display:inline-block;min-height:24px;padding:.15rem 0}
        form.find{display:flex;gap:.4rem;flex:1 1 16rem}
        form.find input{flex:1;min-width:0}
        input,select,button{font:inherit;color:inherit;background:var(--bg);border:1px solid var(--muted);border-radius:4px;padding:.3rem .5rem;min-height:2.25rem}
        button{cursor:pointer;background:var(--card)}
        .crumbs ol{display:flex;flex-wrap:wrap;gap:.25rem;list-style:none;margin:.75rem 0 0;padding:0;font-size:.9rem;color:var(--muted)}
        .crumbs li+li::before{content:"/";margin-right:.25rem}
        main{padding-bottom:2rem}
        h1{font-size:1.6rem;line-height:1.25;margin:1rem 0 .5rem}
        h2{font-size:1.25rem;margin:2rem 0 .5rem}
        h3{font-size:1.05rem;margin:0 0 .25rem}
        .lede{font-size:1.1rem}
        .muted,.meta{color:var(--muted)}
        .cards{list-style:none;margin:0;padding:0;display:grid;gap:.75rem}
        .card{background:var(--card);border:1px solid var(--line);border-radius:6px;padding:.75rem 1rem}
        .card .statement{font-size:1.15rem;font-weight:700}
        .card p{margin:.25rem 0}
        .card dl,dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:0 .75rem;margin:.35rem 0;font-size:.92rem}
        .card dt,dl.facts dt{color:var(--muted)}
        .card dd,dl.facts dd{margin:0}
        blockquote{margin:.5rem 0;padding:.25rem 0 .25rem .75rem;border-left:3px solid var(--accent)}
        blockquote p{margin:0}
        mark{background:var(--mark);color:inherit}
        figure{margin:1rem 0}
        figure img{display:block;width:100%;height:auto;border:1px solid var(--line)}
        figcaption{font-size:.92rem;color:var(--muted);margin-top:.35rem}
        .scroll{overflow-x:auto}
        table{border-collapse:collapse;width:100%;font-size:.92rem}
        th,td{text-align:left;vertical-align:top;padding:.35rem .5rem;border-bottom:1px solid var(--line)}
        thead th{border-bottom:2px solid var(--muted)}
        td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
        pre{background:var(--card);border:1px solid var(--line);border-radius:4px;padding:.5rem .75rem;overflow-x:auto;white-space:pre-wrap;word-break:break-word;font-size:.85rem;margin:.25rem 0}
        code{font-family:ui-monospace,"DejaVu Sans Mono",monospace}
        .copy{display:flex;flex-direction:column;gap:.15rem;margin:.5rem 0}
        .copy button{align-self:flex-start;font-size:.85rem;min-height:24px;padding:.1rem .6rem}
        .links{display:flex;flex-wrap:wrap;gap:.25rem 1rem;list-style:none;padding:0;margin:.5rem 0}
        .facets{display:grid;grid-template-columns:repeat(auto-fill,minmax(14rem,1fr));gap:.5rem 1.5rem}
        .facets h3{font-size:.95rem;margin:.5rem 0 .15rem}
        .facets ul{list-style:none;margin:0;padding:0;font-size:.92rem}
        .facets .on{font-weight:700}
        .filters{display:grid;grid-template-columns:repeat(auto-fill,minmax(11rem,1fr));gap:.5rem 1rem;margin:.75rem 0}
        .filters label{display:flex;flex-direction:column;font-size:.9rem;gap:.15rem}
        .filters .q{grid-column:1/-1}
        details.more{margin:.25rem 0 .75rem}
        details.more summary{cursor:pointer;min-height:24px;padding:.15rem 0;color:var(--link)}
        .pager{display:flex;gap:1rem;margin:1rem 0}
        .problem{font-size:1.1rem}
        .source-text{white-space:pre-wrap;font-size:1.02rem;line-height:1.65}
        .source-text mark{scroll-margin-top:5rem;scroll-margin-bottom:5rem}
        .source-text mark[data-obs*=" "]{background:var(--mark2)}
        footer.site{border-top:1px solid var(--line);margin-top:2rem;padding:1rem 0 2rem;font-size:.9rem;color:var(--muted)}
        footer.site p{margin:.25rem 0}
        """;

    /// <summary>Copy buttons: hidden without JavaScript (the text stays selectable), shown and wired with it.</summary>
    public const string Script = """
        for(const b of document.querySelectorAll("button[data-copy]")){b.hidden=false;b.addEventListener("click",()=>{const t=document.getElementById(b.dataset.copy).textContent;navigator.clipboard.writeText(t).then(()=>{b.textContent="Copied"},()=>{b.textContent="Select the text to copy"})})}
        """;

    public static readonly string StyleHash = Hash(Style);

    public static readonly string ScriptHash = Hash(Script);

    /// <summary>The CSP source expression of an inline block: 'sha256-…' of its exact text.</summary>
    public static string Hash(string inline) => $"'sha256-{Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(inline)))}'";

    /// <summary>
    /// A page's policy: nothing but its own inline style and script (by hash), its own images, fetches of its own
    /// (crawlers' tools read robots.txt from the page), and forms that submit to itself (the search box). <paramref name="extraStyles"/> are a page's own generated rules.
    /// </summary>
    public static string ContentSecurityPolicy(IEnumerable<string> extraStyles, string? script, string frameAncestors = "'none'") =>
        $"default-src 'none'; style-src {string.Join(' ', extraStyles.Select(Hash).Prepend(StyleHash))}; " +
        (script is null ? "" : $"script-src {Hash(script)}; ") +
        $"img-src 'self' data:; connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors {frameAncestors}";
}
