using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Indicators.Api.Data;

/// <summary>
/// A connection whose running statement stops when its request is cancelled (the request timeout, or the client
/// gone). Microsoft.Data.Sqlite checks a token only between rows, and one step of a search can compute every
/// match, so a timed-out request went on using a core for a second or more; <c>sqlite3_interrupt</c> stops it.
/// The registration is dropped in <see cref="Close"/>, before the handle goes back to the pool, so a late
/// cancellation can never interrupt the next request that uses the handle.
/// </summary>
internal sealed class InterruptibleConnection(string connectionString, IndicatorsDatabase owner) : SqliteConnection(connectionString)
{
    private CancellationTokenRegistration _interruptOnCancel;
    private int _inUse;

    /// <summary>Counts this connection as in use by an operation until it closes (see <see cref="IndicatorsDatabase.ConnectionsInUse"/>).</summary>
    public void MarkInUse()
    {
        if (Interlocked.Exchange(ref _inUse, 1) == 0)
        {
            owner.ConnectionTaken();
        }
    }

    /// <summary>From now until the connection closes, cancelling the token stops the running statement.</summary>
    public void InterruptOn(CancellationToken cancellationToken) =>
        _interruptOnCancel = cancellationToken.Register(static state => ((InterruptibleConnection)state!).Interrupt(), this);

    public override void Close()
    {
        // Dispose waits for a callback already running, so no interrupt can outlive this connection's use.
        _interruptOnCancel.Dispose();
        base.Close();
        if (Interlocked.Exchange(ref _inUse, 0) == 1)
        {
            owner.ConnectionGivenBack();
        }
    }

    private void Interrupt()
    {
        if (Handle is { } handle)
        {
            raw.sqlite3_interrupt(handle);
        }
    }
}

/// <summary>
/// An interrupted statement surfaces as a SqliteException (SQLITE_INTERRUPT); for the request it is the
/// cancellation it was, so the request-timeout middleware answers its 503 (and an aborted request ends quietly)
/// instead of the exception handler answering 500.
/// </summary>
internal static class InterruptedStatements
{
    private const int SqliteInterrupt = 9;

    /// <summary>Call inside the request timeout (after <c>UseRequestTimeouts</c>), whose token it recognises.</summary>
    public static WebApplication UseInterruptedStatementsAsCancellation(this WebApplication app)
    {
        app.Use(async (context, next) =>
        {
            try
            {
                await next(context);
            }
            catch (SqliteException exception) when (exception.SqliteErrorCode == SqliteInterrupt && context.RequestAborted.IsCancellationRequested)
            {
                context.RequestServices.GetRequiredService<IndicatorsDatabase>().StatementInterrupted();
                throw new OperationCanceledException("The request was cancelled while a statement ran.", exception, context.RequestAborted);
            }
        });
        return app;
    }
}
