using Indicators.Api.Import;
using Indicators.Api.Tests.Support;
using Microsoft.Data.Sqlite;

namespace Indicators.Api.Tests.Import;

public sealed class DatabaseBuilderTests
{
    [Fact]
    public void TheBuiltDatabaseHasEveryIndexTheSchemaDeclares()
    {
        var schema = File.ReadAllText(Path.Combine(TestPaths.DataDirectory, "schema.sql"));
        var declared = schema.Split('\n')
            .Where(l => l.StartsWith("CREATE INDEX ", StringComparison.Ordinal))
            .Select(l => l.Split(' ')[2])
            .Order(StringComparer.Ordinal)
            .ToList();
        using var scratch = new TemporaryDirectory();
        var path = Path.Combine(scratch.Path, "indicators.db");
        var (plan, errors) = ReleaseBuild.Prepare(TestPaths.DataDirectory, "data", publishAt: null);
        Assert.Empty(errors);

        DatabaseBuilder.Build(plan!.Versions, path, DateTimeOffset.UtcNow);

        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL ORDER BY name";
        using var reader = command.ExecuteReader();
        var built = new List<string>();
        while (reader.Read())
        {
            built.Add(reader.GetString(0));
        }

        Assert.NotEmpty(declared);
        Assert.Equal(declared, built.Order(StringComparer.Ordinal).ToList());
    }

    [Fact]
    public void IndexesAreSplitFromTheRestOfTheSchemaInOrder()
    {
        var (tables, indexes) = DatabaseBuilder.SplitIndexes(
            "CREATE TABLE a (x INTEGER);\nCREATE INDEX a_x ON a (x);\nINSERT INTO a VALUES (1);\nCREATE INDEX a_y\n    ON a (x);\n");

        Assert.Equal("CREATE TABLE a (x INTEGER);\nINSERT INTO a VALUES (1);\nCREATE INDEX a_y\n    ON a (x);\n", tables);
        Assert.Equal("CREATE INDEX a_x ON a (x);", indexes);
    }
}
