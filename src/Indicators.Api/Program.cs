using Asp.Versioning;
using Indicators.Api.Catalog;
using Indicators.Api.Charts;
using Indicators.Api.Citations;
using FluentValidation;
using Indicators.Api.Csv;
using Indicators.Api.Data;
using Indicators.Api.DataPackage;
using Indicators.Api.Entities;
using Indicators.Api.Health;
using Indicators.Api.Http;
using Indicators.Api.Import;
using Indicators.Api.Indicators;
using Indicators.Api.Mcp;
using Indicators.Api.Observations;
using Indicators.Api.Releases;
using Indicators.Api.Pages;
using Indicators.Api.Sdmx;
using Indicators.Api.Sources;

// `import [data-folder] [--check] [--database path]` builds the database and exits; anything else serves it.
if (args is [ImportCommand.Verb, .. var importArgs])
{
    var configuration = new ConfigurationBuilder()
        .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: true)
        .AddEnvironmentVariables()
        .Build();
    return ImportCommand.Run(importArgs, DatabaseSettings.Read(configuration), Console.Out, Console.Error);
}

// Settings ship beside the binary (appsettings*.json are copied to the output), so they apply wherever the dll
// is started from: from the repository root the default content root has none, and every request was logged.
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
builder.AddIndicatorsLimits();

// Services
builder.Services.AddIndicatorsDatabase(builder.Configuration);
builder.Services.Configure<PublicUrlOptions>(builder.Configuration.GetSection("PublicUrls"));
builder.Services.AddSingleton<PublicUrls>();
builder.Services.AddIndicatorsProblems();
builder.Services.AddIndicatorsPages();
builder.AddRequestIds();
builder.Services.AddIndicatorsHealth();
builder.Services.AddHttpCaching(builder.Configuration);
// Query validators only: the import's row validators are built per import with what it has read so far.
builder.Services.AddValidatorsFromAssemblyContaining<Program>(
    ServiceLifetime.Singleton,
    filter: scan => scan.ValidatorType.Namespace?.StartsWith("Indicators.Api.Import", StringComparison.Ordinal) is not true,
    includeInternalTypes: true);
builder.Services.AddApiVersioning(options =>
    {
        options.DefaultApiVersion = new ApiVersion(1);
        options.ReportApiVersions = true;
        options.ApiVersionReader = new UrlSegmentApiVersionReader();
    })
    .AddApiExplorer(options =>
    {
        options.GroupNameFormat = "'v'V";
        options.SubstituteApiVersionInUrl = true;
    });
builder.Services.AddIndicatorsOpenApi();
builder.Services.AddCsvResponses();
builder.Services.AddPublicReadCors();
builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddIndicatorsResponseCache();
builder.Services.AddSdmx();
builder.AddIndicatorsMcp();

var app = builder.Build();
IndicatorsDatabase.EnsureBuilt(DatabaseSettings.Read(app.Configuration), app.Logger);

// Pipeline
app.UseRequestIds();
app.UseSecurityHeaders();
app.UseProblemResponses();
app.UseRequestSizeLimits();
app.UseHeadAsGet();
app.UseHealthProbes();
app.UseMcpOriginCheck();
app.UseReleaseStamp();
app.UseIndicatorsLimits();
app.UseMcpRequestGuard();
app.UseMethodNotAllowed();
app.UseIndicatorsResponseCache();
app.UseConditionalGet();
app.UseIndicatorsTimeouts();
app.UseIndicatorsOpenApi();
app.UseRouting();
app.UseKnownParameters();

// Routes
var v1 = app.NewVersionedApi("Indicators").MapGroup("/v{version:apiVersion}").HasApiVersion(1);
v1.MapApiIndex();
v1.MapObservations();
v1.MapIndicators();
v1.MapEntities();
v1.MapSources();
v1.MapReleases();
v1.MapCsvForms();
v1.MapCitations();
v1.MapCharts();
app.MapPages();
app.MapSdmx();
app.MapDataPackage();
app.MapCatalog();
app.MapIndicatorsMcp();
app.MapUnsupportedVersionFallback();

app.AnnounceAddresses();
app.Run();
return 0;
