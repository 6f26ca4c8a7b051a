namespace Indicators.Api.Data;

/// <summary>Where the curated files and the built database live; bound from configuration.</summary>
internal sealed class DatabaseOptions
{
    public const string ConnectionStringName = "Indicators";

    /// <summary>The folder of curated text files the database is built from.</summary>
    public string DataDirectory { get; set; } = "data";

    /// <summary>The SQLite file the service reads; built from <see cref="DataDirectory"/> when missing.</summary>
    public string DatabasePath { get; set; } = "data/indicators.db";

    /// <summary>Build the database on start-up when the file is missing.</summary>
    public bool BuildOnStartup { get; set; } = true;
}
