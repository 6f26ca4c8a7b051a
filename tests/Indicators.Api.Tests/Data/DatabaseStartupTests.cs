using Indicators.Api.Tests.Support;
using Microsoft.Data.Sqlite;

namespace Indicators.Api.Tests.Data;

/// <summary>The service builds its database when it is missing, and rebuilds one made for another schema.</summary>
public sealed class DatabaseStartupTests
{
    [Fact]
    public async Task AFileThatIsNotOurDatabaseIsRebuiltFromTheDataFolderOnStart()
    {
        using var factory = new ApiFactory();
        await File.WriteAllTextAsync(factory.DatabasePath, "left over from something else");

        var body = await (await factory.CreateClient().GetAsync("/v1/observations")).ReadJsonAsync();

        Assert.Equal(23, body.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task ADatabaseOfAnOlderSchemaVersionIsRebuiltOnStart()
    {
        using var factory = new ApiFactory();
        await using (var connection = new SqliteConnection($"Data Source={factory.DatabasePath};Pooling=False"))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "CREATE TABLE schema_version (version INTEGER NOT NULL); INSERT INTO schema_version VALUES (0);";
            await command.ExecuteNonQueryAsync();
        }

        var body = await (await factory.CreateClient().GetAsync("/v1/indicators")).ReadJsonAsync();

        Assert.Equal(20, body.GetProperty("total").GetInt32());
    }
}
