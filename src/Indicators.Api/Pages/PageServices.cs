using System.Text.Encodings.Web;
using System.Text.Unicode;
using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;

namespace Indicators.Api.Pages;

internal static class PageServices
{
    /// <summary>
    /// Razor components rendered on the server. Their renderer needs AddRazorComponents, which brings
    /// antiforgery and so Data Protection, whose start-up creates a key ring (by default in the user's home,
    /// with a warning that it is unencrypted). The pages post no forms and set no cookies: nothing is ever
    /// protected that must outlive the process, so the key ring lives in memory, and says so.
    /// </summary>
    public static IServiceCollection AddIndicatorsPages(this IServiceCollection services)
    {
        // The default encoder escapes every non-ASCII character (– becomes &#x2013;); the pages are UTF-8.
        services.AddSingleton(HtmlEncoder.Create(UnicodeRanges.All));
        services.AddDataProtection().SetApplicationName("Indicators");
        services.Configure<KeyManagementOptions>(options =>
        {
            options.XmlRepository = new InMemoryKeyRing();
            options.XmlEncryptor = new NullXmlEncryptor();
        });
        services.AddRazorComponents();
        services.AddSingleton<Observations.ObservationFacets>();
        services.AddSingleton<PageCache>();
        return services;
    }

    /// <summary>Keys for this process only: nothing the pages protect outlives it.</summary>
    private sealed class InMemoryKeyRing : IXmlRepository
    {
        private readonly List<XElement> _keys = [];

        public IReadOnlyCollection<XElement> GetAllElements()
        {
            lock (_keys)
            {
                return _keys.Select(k => new XElement(k)).ToList();
            }
        }

        public void StoreElement(XElement element, string friendlyName)
        {
            lock (_keys)
            {
                _keys.Add(new XElement(element));
            }
        }
    }
}
