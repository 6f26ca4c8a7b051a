using System.Net;
using Indicators.Api.Tests.Support;
using Microsoft.Data.Sqlite;

namespace Indicators.Api.Tests.Health;

/// <summary>
/// The probes over HTTP. Each test that damages the database gets its own service and file: the service
/// built the file at start-up, the test then breaks it as a crash, a bad copy or a wrong release would.
/// </summary>
public sealed class HealthTests : IDisposable
{
    private readonly ApiFactory _factory = new ProductionApiFactory();
    private readonly HttpClient _client;

    public HealthTests() => _client = _factory.CreateClient();

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task LiveAndReadyAreHealthyOnTheBuiltDatabase()
    {
        var live = await _client.GetAsync("/health/live");
        var ready = await _client.GetAsync("/health/ready");

        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal("""{"status":"Healthy","checks":{}}""", await live.Content.ReadAsStringAsync());
        Assert.Equal("application/json; charset=utf-8", live.Content.Headers.ContentType?.ToString());
        Assert.Equal("no-store", live.Headers.CacheControl?.ToString());
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        var body = await ready.ReadJsonAsync();
        Assert.Equal("Healthy", body.GetProperty("status").GetString());
        Assert.Matches("^[1-9][0-9]* observations$", body.GetProperty("checks").GetProperty("database").GetProperty("description").GetString());
    }

    [Fact]
    public async Task ACorruptDatabaseMakesReadyFailAndRequestsUnavailableProblemsWithoutStackTraces()
    {
        await _client.GetAsync("/health/ready");
        SqliteConnection.ClearAllPools();
        var bytes = await File.ReadAllBytesAsync(_factory.DatabasePath);
        for (var i = 4096; i < bytes.Length; i += 7)
        {
            bytes[i] = 0xA5;
        }

        await File.WriteAllBytesAsync(_factory.DatabasePath, bytes);

        await AssertNotReadyAsync();
        var request = new HttpRequestMessage(HttpMethod.Get, "/v1/observations");
        request.Headers.Add("Origin", "https://newsroom.example");
        var response = await _client.SendAsync(request);
        Assert.True(response.StatusCode is HttpStatusCode.ServiceUnavailable, $"got {response.StatusCode}");
        var problem = await response.AssertProblemAsync(HttpStatusCode.ServiceUnavailable);
        Assert.DoesNotContain("   at ", problem.ToString());
        Assert.DoesNotContain("Sqlite", problem.ToString(), StringComparison.OrdinalIgnoreCase);
        Assert.True(response.Headers.Contains("Retry-After"));
        Assert.Equal("*", string.Join(",", response.Headers.GetValues("Access-Control-Allow-Origin")));
        Assert.Equal("nosniff", string.Join(",", response.Headers.GetValues("X-Content-Type-Options")));
    }

    [Fact]
    public async Task ATruncatedDatabaseMakesReadyFail()
    {
        await _client.GetAsync("/health/ready");
        SqliteConnection.ClearAllPools();
        await using (var file = new FileStream(_factory.DatabasePath, FileMode.Open, FileAccess.Write))
        {
            file.SetLength(file.Length / 2);
        }

        await AssertNotReadyAsync();
    }

    [Fact]
    public async Task AFileThatIsNotADatabaseMakesReadyFail()
    {
        await _client.GetAsync("/health/ready");
        SqliteConnection.ClearAllPools();
        await File.WriteAllTextAsync(_factory.DatabasePath, "id,title\nnot,a database\n");

        await AssertNotReadyAsync();
        await (await _client.GetAsync("/v1/indicators")).AssertProblemAsync(HttpStatusCode.ServiceUnavailable);
    }

    [Fact]
    public async Task AnotherSchemaVersionMakesReadyFail()
    {
        await _client.GetAsync("/health/ready");
        Write("UPDATE schema_version SET version = version + 1");

        var body = await AssertNotReadyAsync();
        Assert.Contains("schema version is", body);
    }

    [Fact]
    public async Task AnEmptyDatasetMakesReadyFail()
    {
        await _client.GetAsync("/health/ready");
        Write("PRAGMA foreign_keys = OFF; DELETE FROM observations;");

        var body = await AssertNotReadyAsync();
        Assert.Contains("no observations", body);
    }

    [Fact]
    public async Task AMissingDatabaseMakesReadyFailButLiveStaysUp()
    {
        await _client.GetAsync("/health/ready");
        SqliteConnection.ClearAllPools();
        File.Delete(_factory.DatabasePath);

        await AssertNotReadyAsync();
        Assert.Equal(HttpStatusCode.OK, (await _client.GetAsync("/health/live")).StatusCode);
    }

    private void Write(string sql)
    {
        using (var connection = new SqliteConnection($"Data Source={_factory.DatabasePath};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = sql;
            command.ExecuteNonQuery();
        }

        SqliteConnection.ClearAllPools();
    }

    private async Task<string> AssertNotReadyAsync()
    {
        var ready = await _client.GetAsync("/health/ready");
        var body = await ready.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        Assert.Contains("\"status\":\"Unhealthy\"", body);
        Assert.DoesNotContain("   at ", body);
        return body;
    }
}
