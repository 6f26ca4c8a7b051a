using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Indicators.Api.Tests.Support;

namespace Indicators.Api.Tests.Contract;

/// <summary>
/// What the service writes when it starts and serves its first pages: JSON lines when output is redirected (a
/// deployment), plain text at a terminal (`dotnet run`), no warning either way, and no key ring in the home folder.
/// </summary>
public sealed class StartupOutputTests : IDisposable
{
    private readonly TemporaryDirectory _scratch = new();

    public void Dispose() => _scratch.Dispose();

    [Fact]
    public async Task StartingAndServingPagesLogsNoWarningAndWritesNothingToTheHomeFolder()
    {
        var home = Directory.CreateDirectory(Path.Combine(_scratch.Path, "home")).FullName;
        var service = await ServiceProcess.StartAsync(Path.Combine(_scratch.Path, "indicators.db"), new Dictionary<string, string>
        {
            ["HOME"] = home,
            ["DOTNET_CLI_HOME"] = home,
        });
        await using (service)
        {
            using var client = service.Client();
            client.DefaultRequestHeaders.TryAddWithoutValidation("Accept", "text/html");
            foreach (var url in new[] { "/", "/indicators/gdp", "/search?q=port", "/sources/modernisation-in-china-and-pakistan", "/no-such-page" })
            {
                Assert.True((await client.GetAsync(url)).StatusCode is HttpStatusCode.OK or HttpStatusCode.NotFound);
            }

            // Redirected output: every line is a JSON object, none above Information.
            var lines = service.Output.ToList();
            Assert.NotEmpty(lines);
            foreach (var line in lines)
            {
                var entry = JsonDocument.Parse(line).RootElement;
                Assert.True(entry.GetProperty("LogLevel").GetString() is "Information" or "Debug" or "Trace", line);
            }

            Assert.Contains(lines, l => l.Contains($"open http://127.0.0.1:{service.Port}/ in a browser", StringComparison.Ordinal));
        }

        Assert.DoesNotContain(Directory.EnumerateFileSystemEntries(home, "*", SearchOption.AllDirectories),
            p => p.Contains("DataProtection", StringComparison.OrdinalIgnoreCase) || p.EndsWith(".xml", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AtATerminalTheFirstLinesArePlainTextNamingTheAddress()
    {
        // script(1) gives the service a terminal, as `dotnet run` in a shell does.
        if (!File.Exists("/usr/bin/script"))
        {
            Assert.Fail("script(1) from util-linux is needed to give the service a terminal");
        }

        var port = FreePort();
        var dll = ServiceDll();
        var command = $"env ConnectionStrings__Indicators='Data Source={Path.Combine(_scratch.Path, "tty.db")}' ASPNETCORE_ENVIRONMENT=Production dotnet '{dll}' --urls http://127.0.0.1:{port}";
        var info = new ProcessStartInfo("/usr/bin/script") { ArgumentList = { "-qefc", command, "/dev/null" }, RedirectStandardOutput = true, RedirectStandardInput = true };
        info.Environment["TERM"] = "dumb";
        using var process = Process.Start(info)!;
        var output = new System.Text.StringBuilder();
        process.OutputDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.BeginOutputReadLine();
        try
        {
            using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
            var deadline = DateTime.UtcNow.AddSeconds(60);
            while (true)
            {
                try
                {
                    if ((await client.GetAsync("/health/ready")).IsSuccessStatusCode)
                    {
                        break;
                    }
                }
                catch (HttpRequestException) when (DateTime.UtcNow < deadline)
                {
                }

                Assert.True(DateTime.UtcNow < deadline, "no answer:\n" + output);
                await Task.Delay(100);
            }

            await Task.Delay(300);
            string text;
            lock (output)
            {
                text = output.ToString();
            }

            var first = text.Split('\n').Select(l => l.Trim()).First(l => l.Length > 0);
            Assert.False(first.Contains('{', StringComparison.Ordinal), $"a JSON line at a terminal: {first}");
            Assert.Contains($"Now listening on: http://127.0.0.1:{port}", text);
            Assert.Contains($"open http://127.0.0.1:{port}/ in a browser", text);
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    private static string ServiceDll()
    {
        var configuration = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;
        return Path.Combine(TestPaths.RepositoryRoot, "src", "Indicators.Api", "bin", configuration, "net10.0", "Indicators.Api.dll");
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
