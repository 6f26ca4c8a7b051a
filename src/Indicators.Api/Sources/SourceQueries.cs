using System.Data.Common;
using Dapper;
using Indicators.Api.Data;
using Indicators.Api.Http;

namespace Indicators.Api.Sources;

internal static class SourceQueries
{
    // SQLite's length() counts characters (code points) of TEXT, the unit citation offsets use.
    private const string Select = """
        SELECT s.id AS Id, s.title AS Title, s.standfirst AS Standfirst, s.author AS Author, s.published_on AS PublishedOn,
               s.publisher AS Publisher, s.url AS Url, s.licence AS Licence, length(s.text) AS Length,
               (SELECT COUNT(*) FROM observations o WHERE o.source = s.id AND o.kind <> 'derived') AS ObservationCount
        FROM sources s
        """;

    public static Task<(List<SourceRow> Rows, long Total)> ListAsync(
        DbConnection connection, PagePosition position, CancellationToken cancellationToken) =>
        PagedQuery.ReadAsync<SourceRow>(connection, Select, "s.id", "sources", position, cancellationToken);

    public static Task<SourceRow?> FindAsync(DbConnection connection, string id, CancellationToken cancellationToken) =>
        connection.QuerySingleOrDefaultAsync<SourceRow>(
            new CommandDefinition($"{Select} WHERE s.id = @id", new { id }, cancellationToken: cancellationToken));

    public static Task<string?> TextAsync(DbConnection connection, string id, CancellationToken cancellationToken) =>
        connection.QuerySingleOrDefaultAsync<string?>(
            new CommandDefinition("SELECT text FROM sources WHERE id = @id", new { id }, cancellationToken: cancellationToken));
}
