using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Indicators.Api.Tests.Support;

namespace Indicators.Api.Tests.Contract;

/// <summary>
/// What only the real server shows: Kestrel's own limits and headers, JSON logs on stdout, and a graceful
/// stop on SIGTERM. One service process for the class; the shutdown test starts its own.
/// </summary>
public sealed class ServiceHardeningTests : IAsyncLifetime
{
    private readonly TemporaryDirectory _scratch = new();
    private ServiceProcess _service = null!;

    public async Task InitializeAsync() => _service = await ServiceProcess.StartAsync(Path.Combine(_scratch.Path, "indicators.db"));

    public async Task DisposeAsync()
    {
        await _service.DisposeAsync();
        _scratch.Dispose();
    }

    [Fact]
    public async Task KestrelSendsNoServerHeaderAndEveryResponseIsNosniffWithARequestId()
    {
        using var client = _service.Client();
        foreach (var path in new[] { "/v1/observations", "/v1/observations?pageSize=0", "/nowhere", "/health/ready" })
        {
            var response = await client.GetAsync(path);

            Assert.False(response.Headers.Contains("Server"), path);
            Assert.Equal("nosniff", string.Join("", response.Headers.GetValues("X-Content-Type-Options")));
            Assert.True(response.Headers.Contains("X-Request-Id"), path);
        }
    }

    [Fact]
    public async Task AUrlOverTheDocumentedLimitIsAProblemNotKestrelsBareAnswer()
    {
        using var client = _service.Client();

        var response = await client.GetAsync("/v1/observations?entity=" + new string('a', 9000));

        await response.AssertProblemAsync(HttpStatusCode.RequestUriTooLong);
    }

    [Fact]
    public async Task HeadersOverTheDocumentedLimitAreAProblemNotKestrelsBareAnswer()
    {
        using var client = _service.Client();
        var request = new HttpRequestMessage(HttpMethod.Get, "/v1/indicators");
        request.Headers.Add("X-Padding", new string('b', 40_000));

        await (await client.SendAsync(request)).AssertProblemAsync(HttpStatusCode.RequestHeaderFieldsTooLarge);
    }

    [Fact]
    public async Task LogLinesAreJsonAndCarryTheRequestId()
    {
        using var client = _service.Client();
        var request = new HttpRequestMessage(HttpMethod.Get, "/v1/observations?pageSize=0");
        request.Headers.Add("X-Request-Id", "log-check-1234");
        await client.SendAsync(request);

        await Eventually.TrueAsync(() => _service.Output.Any(l => l.Contains("log-check-1234", StringComparison.Ordinal)), "no log line names the request id");
        var line = _service.Output.First(l => l.Contains("log-check-1234", StringComparison.Ordinal));
        Assert.All(_service.Output, l => JsonDocument.Parse(l).Dispose());
        Assert.Contains("\"RequestId\":\"log-check-1234\"", line);
    }

    [Fact]
    public async Task ADamagedDatabaseFailsReadinessWithOneClearJsonLogLineAndTheServiceStaysUp()
    {
        var databasePath = Path.Combine(_scratch.Path, "damaged.db");
        await using var service = await ServiceProcess.StartAsync(databasePath);
        using var client = service.Client();
        await using (var file = new FileStream(databasePath, FileMode.Open, FileAccess.Write))
        {
            file.SetLength(file.Length / 3);
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        var ready = await client.GetAsync("/health/ready");
        var api = await client.GetAsync("/v1/observations");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        await api.AssertProblemAsync(HttpStatusCode.ServiceUnavailable);
        Assert.DoesNotContain("   at ", await api.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live")).StatusCode);
        Assert.False(service.Process.HasExited);
        await Eventually.TrueAsync(() => service.Output.Any(l => l.Contains("is not ready", StringComparison.Ordinal)), "no log line says the database is not ready");
        var line = service.Output.First(l => l.Contains("is not ready", StringComparison.Ordinal));
        using var log = JsonDocument.Parse(line);
        Assert.Equal("Error", log.RootElement.GetProperty("LogLevel").GetString());
        Assert.Contains("damaged.db", log.RootElement.GetProperty("Message").GetString());
    }

    [Fact]
    public async Task OnSigtermInFlightRequestsCompleteAndTheProcessExitsZero()
    {
        // Kestrel's connection log says when it has taken each connection; the host's lifetime log says when it
        // has begun to stop. The test waits for those events rather than for a guess at how long they take.
        await using var service = await ServiceProcess.StartAsync(
            Path.Combine(_scratch.Path, "shutdown.db"),
            new Dictionary<string, string> { ["Logging__LogLevel__Microsoft.AspNetCore.Server.Kestrel.Connections"] = "Debug" });
        int Logged(params string[] texts) => service.Output.Count(l => texts.All(t => l.Contains(t, StringComparison.Ordinal)));
        var startedBefore = Logged("Connection id", "started.");

        // Twenty requests the server has begun to read (request line sent, headers not finished): in flight.
        var sockets = new List<Socket>();
        for (var i = 0; i < 20; i++)
        {
            var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            await socket.ConnectAsync(IPAddress.Loopback, service.Port);
            await socket.SendAsync(Encoding.ASCII.GetBytes($"GET /v1/observations?pageSize={i + 1} HTTP/1.1\r\nHost: 127.0.0.1\r\n"));
            sockets.Add(socket);
        }

        await Eventually.TrueAsync(() => Logged("Connection id", "started.") >= startedBefore + 20, "Kestrel did not take all 20 connections");
        service.Terminate();
        await Eventually.TrueAsync(() => Logged("Application is shutting down") > 0, "the host did not begin to stop on SIGTERM");

        var responses = await Task.WhenAll(sockets.Select(async socket =>
        {
            await socket.SendAsync(Encoding.ASCII.GetBytes("Accept: application/json\r\n\r\n"));
            return await ReadToEndAsync(socket);
        }));

        Assert.All(responses, response => Assert.StartsWith("HTTP/1.1 200 OK", response));
        Assert.All(responses, response => Assert.Contains("\"items\":[", response));
        using var exited = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await service.Process.WaitForExitAsync(exited.Token);
        Assert.Equal(0, service.Process.ExitCode);
        foreach (var socket in sockets)
        {
            socket.Dispose();
        }
    }

    private static async Task<string> ReadToEndAsync(Socket socket)
    {
        var buffer = new byte[64 * 1024];
        var text = new StringBuilder();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (true)
        {
            var read = await socket.ReceiveAsync(buffer, SocketFlags.None, timeout.Token);
            if (read == 0)
            {
                return text.ToString();
            }

            text.Append(Encoding.UTF8.GetString(buffer, 0, read));
        }
    }
}
