using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Indicators.Api.Tests.Support;

namespace Indicators.Api.Tests.Contract;

/// <summary>
/// The service as users start it: the built dll (not `dotnet run`, whose child outlives a kill), on
/// Kestrel bound to 127.0.0.1 with --urls, building its database from data/ on first start.
/// </summary>
public sealed class ServiceProcessTests : IDisposable
{
    private readonly TemporaryDirectory _scratch = new();

    public void Dispose() => _scratch.Dispose();

    [Fact]
    public async Task TheBuiltServiceStartsOnTheGivenUrlBuildsItsDatabaseAndServesFigures()
    {
        var port = FreePort();
        var databasePath = Path.Combine(_scratch.Path, "indicators.db");
        using var process = Start(port, databasePath);
        try
        {
            using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
            var response = await WaitForAsync(client, "/v1/observations/china-gdp-2023-usd", process);

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Contains("\"value\":17.51", await response.Content.ReadAsStringAsync());
            Assert.True(File.Exists(databasePath));
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    [Fact]
    public void TheBuiltServiceRunsTheWorkstationGarbageCollector()
    {
        // The csproj once named a property that does not exist, and the server GC ran unnoticed: its
        // per-core heaps held ~50 MB more serving a million rows (bench/README.md). The built settings tell.
        var settings = Path.ChangeExtension(ServiceDll(), ".runtimeconfig.json");
        using var json = System.Text.Json.JsonDocument.Parse(File.ReadAllText(settings));

        var properties = json.RootElement.GetProperty("runtimeOptions").GetProperty("configProperties");
        Assert.False(properties.GetProperty("System.GC.Server").GetBoolean());
    }

    private static Process Start(int port, string databasePath)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { ServiceDll(), "--urls", $"http://127.0.0.1:{port}" },
            WorkingDirectory = TestPaths.RepositoryRoot,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        info.Environment["ConnectionStrings__Indicators"] = $"Data Source={databasePath}";
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        var process = Process.Start(info)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    /// <summary>The service's own build output, in the configuration the tests were built in.</summary>
    private static string ServiceDll()
    {
        var configuration = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name; // bin/<Configuration>/net10.0/
        var dll = Path.Combine(TestPaths.RepositoryRoot, "src", "Indicators.Api", "bin", configuration, "net10.0", "Indicators.Api.dll");
        Assert.True(File.Exists(dll), $"build the service first: {dll} is missing");
        return dll;
    }

    private static async Task<HttpResponseMessage> WaitForAsync(HttpClient client, string path, Process process)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            Assert.False(process.HasExited, "the service exited during start-up");
            try
            {
                return await client.GetAsync(path);
            }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(100);
            }
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
