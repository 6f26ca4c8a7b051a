using System.Text.Json;
using Indicators.Api.Tests.Support;

namespace Indicators.Api.Tests.Contract;

public sealed class OpenApiDocumentTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    /// <summary>
    /// openapi.yaml is the contract third-party apps read; it must be the document the code serves.
    /// Regenerate it with: UPDATE_OPENAPI=1 dotnet test --filter CommittedOpenApiYamlIsTheDocumentTheServiceServes
    /// </summary>
    [Fact]
    public async Task CommittedOpenApiYamlIsTheDocumentTheServiceServes()
    {
        var served = (await _client.GetStringAsync("/swagger/v1/swagger.yaml")).ReplaceLineEndings("\n");
        var committedPath = Path.Combine(TestPaths.RepositoryRoot, "openapi.yaml");
        if (Environment.GetEnvironmentVariable("UPDATE_OPENAPI") == "1")
        {
            await File.WriteAllTextAsync(committedPath, served);
        }

        var committed = File.Exists(committedPath) ? (await File.ReadAllTextAsync(committedPath)).ReplaceLineEndings("\n") : "";
        Assert.True(committed == served,
            "openapi.yaml differs from /swagger/v1/swagger.yaml: run UPDATE_OPENAPI=1 dotnet test --filter CommittedOpenApiYamlIsTheDocumentTheServiceServes and review the diff.");
    }

    [Fact]
    public async Task EveryOperationHasANameSummaryDescriptionAndAnErrorResponse()
    {
        foreach (var (path, method, operation) in await OperationsAsync())
        {
            var where = $"{method.ToUpperInvariant()} {path}";
            Assert.False(string.IsNullOrWhiteSpace(operation.GetProperty("operationId").GetString()), where);
            Assert.False(string.IsNullOrWhiteSpace(operation.GetProperty("summary").GetString()), where);
            Assert.False(string.IsNullOrWhiteSpace(operation.GetProperty("description").GetString()), where);
            Assert.Contains(operation.GetProperty("responses").EnumerateObject(), r => r.Name.StartsWith('4'));
        }
    }

    [Fact]
    public async Task EveryParameterHasADescriptionAnExampleAndTheNameClientsSend()
    {
        foreach (var (path, method, operation) in await OperationsAsync())
        {
            if (!operation.TryGetProperty("parameters", out var parameters))
            {
                continue;
            }

            foreach (var parameter in parameters.EnumerateArray())
            {
                var name = parameter.GetProperty("name").GetString()!;
                var where = $"{method.ToUpperInvariant()} {path} parameter {name}";
                Assert.True(char.IsLower(name[0]), where);
                Assert.False(string.IsNullOrWhiteSpace(parameter.GetProperty("description").GetString()), where);
                Assert.True(parameter.TryGetProperty("example", out _), where);
            }
        }
    }

    [Fact]
    public async Task EveryResponseSchemaPropertyIsDescribed()
    {
        var document = JsonDocument.Parse(await _client.GetStringAsync("/swagger/v1/swagger.json")).RootElement;
        foreach (var schema in document.GetProperty("components").GetProperty("schemas").EnumerateObject())
        {
            if (schema.Name.Contains("ProblemDetails", StringComparison.Ordinal) || !schema.Value.TryGetProperty("properties", out var properties))
            {
                continue; // the framework's problem types are documented by RFC 9457
            }

            foreach (var property in properties.EnumerateObject())
            {
                var described = property.Value.TryGetProperty("description", out var d) && !string.IsNullOrWhiteSpace(d.GetString())
                                || property.Value.TryGetProperty("allOf", out _) || property.Value.TryGetProperty("$ref", out _);
                Assert.True(described, $"{schema.Name}.{property.Name} has no description");
            }
        }
    }

    private async Task<List<(string Path, string Method, JsonElement Operation)>> OperationsAsync()
    {
        var document = JsonDocument.Parse(await _client.GetStringAsync("/swagger/v1/swagger.json")).RootElement;
        var operations = new List<(string, string, JsonElement)>();
        foreach (var path in document.GetProperty("paths").EnumerateObject())
        {
            foreach (var method in path.Value.EnumerateObject())
            {
                operations.Add((path.Name, method.Name, method.Value.Clone()));
            }
        }

        Assert.NotEmpty(operations);
        return operations;
    }
}
