using System.Net;
using System.Runtime.InteropServices;
using Indicators.Api.Http;
using Microsoft.AspNetCore.Mvc.Testing;

// usage: Stages --port N [--off stage,stage...] [--no-log-scope]
// The service exactly as bench/run.sh runs it (the Benchmark environment, the same settings from the environment),
// hosted on Kestrel in this process with some stages of its pipeline left out, so that an A/B against this same
// host with nothing left out measures what each stage costs per request. Stages: see PipelineStages.All.
// --no-log-scope turns off the host's per-request log scope and activity (its Hosting.Diagnostics logger).
internal static class StagesMain
{
    public static async Task<int> Main(string[] args)
    {
        var port = 0;
        var off = new List<string>();
        var logScope = true;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--port" when i + 1 < args.Length:
                    port = int.Parse(args[++i], System.Globalization.CultureInfo.InvariantCulture);
                    break;
                case "--off" when i + 1 < args.Length:
                    off.AddRange(args[++i].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
                    break;
                case "--no-log-scope":
                    logScope = false;
                    break;
                default:
                    Console.Error.WriteLine($"usage: Stages --port N [--off {string.Join(',', PipelineStages.All)}] [--no-log-scope]");
                    return 2;
            }
        }

        var unknown = off.Except(PipelineStages.All).ToList();
        if (port == 0 || unknown.Count > 0)
        {
            Console.Error.WriteLine(unknown.Count > 0 ? $"unknown stage(s): {string.Join(", ", unknown)}" : "--port is required");
            return 2;
        }

        using var host = new StagesHost(off, logScope);
        host.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, port));
        host.StartServer();
        Console.WriteLine($"serving on http://127.0.0.1:{port} without [{string.Join(", ", off)}]{(logScope ? "" : " and the log scope")}");

        var stopped = new TaskCompletionSource();
        using var onTerm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
        {
            context.Cancel = true;
            stopped.TrySetResult();
        });
        using var onInt = PosixSignalRegistration.Create(PosixSignal.SIGINT, context =>
        {
            context.Cancel = true;
            stopped.TrySetResult();
        });
        await stopped.Task;
        return 0;
    }
}

internal sealed class StagesHost(IReadOnlyList<string> off, bool logScope) : WebApplicationFactory<Program>
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Benchmark");
        if (!logScope)
        {
            builder.UseSetting("Logging:LogLevel:Microsoft.AspNetCore.Hosting.Diagnostics", "None");
        }

        builder.ConfigureServices(services => services.AddSingleton(new PipelineStagesOff(off)));
    }
}
