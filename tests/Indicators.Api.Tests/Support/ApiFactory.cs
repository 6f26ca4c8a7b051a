using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Indicators.Api.Tests.Support;

/// <summary>
/// The real service in-process over a real SQLite file that it builds from the repository's data/ folder
/// on start-up, exactly as a fresh clone does; each factory gets its own database file.
/// </summary>
public class ApiFactory : WebApplicationFactory<Program>
{
    private readonly TemporaryDirectory _directory = new();

    public string DatabasePath => Path.Combine(_directory.Path, "indicators.db");

    /// <summary>The environment to run in; the in-process default is Development.</summary>
    protected virtual string EnvironmentName => "Development";

    protected virtual string DataDirectory => TestPaths.DataDirectory;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(EnvironmentName);
        builder.UseSetting("ConnectionStrings:Indicators", $"Data Source={DatabasePath}");
        builder.UseSetting("Database:DataDirectory", DataDirectory);
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            _directory.Dispose();
        }
    }
}

/// <summary>The same service run as in production (no developer exception page, production settings).</summary>
public sealed class ProductionApiFactory : ApiFactory
{
    protected override string EnvironmentName => "Production";
}
