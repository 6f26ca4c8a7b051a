using System.Data.Common;
using Dapper;
using Indicators.Api.Http;

namespace Indicators.Api.Data;

/// <summary>
/// What a list held at one release (changedSince) and no longer holds at the one a request reads: each record
/// once, with the release that last withdrew it and the curator's reason, in id order. Read from the changes
/// the import recorded, so it costs the withdrawals in between, not the size of the list.
/// </summary>
internal static class Tombstones
{
    /// <param name="record">observation, source, indicator or entity (as the changes table names them).</param>
    /// <param name="table">Its table, and <paramref name="key"/> the column of its id or code.</param>
    /// <param name="oldVersionFilter">
    /// Conditions on the withdrawn version, aliased o (a list's filters: a tombstone of a gdp figure belongs to ?indicator=gdp), or "".
    /// </param>
    /// <param name="parameters">The parameters the filter names, besides those bound here.</param>
    public static async Task<List<Tombstone>> ReadAsync(
        DbConnection connection, string record, string table, string key, ReleaseStamp release, ReleaseStamp since,
        long offset, int limit, CancellationToken cancellationToken, string oldVersionFilter = "", DynamicParameters? parameters = null)
    {
        var sql = $"""
            SELECT c.id AS Id, r.id AS WithdrawnIn, c.reason AS Reason
            FROM changes c
            CROSS JOIN releases r ON r.seq = c.release
            CROSS JOIN {table} o ON o.{(table == "observations" ? "seq" : "vid")} = c.old_row
            WHERE c.record = @Record AND c.change = 'withdrawn' AND c.release > @Since AND c.release <= @Release{oldVersionFilter}
              AND NOT EXISTS (SELECT 1 FROM changes l WHERE l.record = c.record AND l.id = c.id AND l.change = 'withdrawn'
                              AND l.release > c.release AND l.release <= @Release)
              AND NOT EXISTS (SELECT 1 FROM {table} n WHERE n.{key} = c.id AND {Validity.At("n")})
              AND EXISTS (SELECT 1 FROM {table} p WHERE p.{key} = c.id AND {Validity.At("p", "Since")})
            ORDER BY c.id LIMIT @Limit OFFSET @Offset
            """;
        parameters ??= new DynamicParameters();
        parameters.Add("Record", record);
        parameters.Add(Validity.Parameter, release.Seq);
        parameters.Add("Since", since.Seq);
        parameters.Add("Limit", limit);
        parameters.Add("Offset", offset);
        return (await connection.QueryAsync<Tombstone>(new CommandDefinition(sql, parameters, cancellationToken: cancellationToken))).AsList();
    }
}
