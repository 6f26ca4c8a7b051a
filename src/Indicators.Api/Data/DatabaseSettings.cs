namespace Indicators.Api.Data;

internal static class DatabaseSettings
{
    public const string Section = "Database";

    /// <summary>
    /// Reads the "Database" section; <c>ConnectionStrings:Indicators</c>, when set, names the database file
    /// in the usual .NET way (a SQLite "Data Source=..." string).
    /// </summary>
    public static DatabaseOptions Read(IConfiguration configuration)
    {
        var options = new DatabaseOptions();
        configuration.GetSection(Section).Bind(options);
        var connectionString = configuration.GetConnectionString(DatabaseOptions.ConnectionStringName);
        if (!string.IsNullOrWhiteSpace(connectionString))
        {
            options.DatabasePath = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(connectionString).DataSource;
        }

        return options;
    }

    public static IServiceCollection AddIndicatorsDatabase(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<DatabaseOptions>().Configure(options =>
        {
            var read = Read(configuration);
            options.DataDirectory = read.DataDirectory;
            options.DatabasePath = read.DatabasePath;
            options.BuildOnStartup = read.BuildOnStartup;
        });
        services.AddSingleton<IndicatorsDatabase>();
        services.AddSingleton<KnownCodes>();
        services.AddSingleton<Observations.ObservationCounts>();
        return services;
    }
}
