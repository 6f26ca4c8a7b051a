namespace Indicators.Api.Tests.Support;

/// <summary>
/// Waits for something to become true, polling. The limit is not a measurement: it is there only so that a
/// regression fails the test instead of hanging it, and is long enough that no load on a shared machine reaches it.
/// </summary>
internal static class Eventually
{
    public static readonly TimeSpan Limit = TimeSpan.FromSeconds(60);

    public static Task TrueAsync(Func<bool> condition, string failure) => TrueAsync(() => Task.FromResult(condition()), failure);

    public static async Task TrueAsync(Func<Task<bool>> condition, string failure)
    {
        using var limit = new CancellationTokenSource(Limit);
        while (!await condition())
        {
            Assert.False(limit.IsCancellationRequested, $"{failure} (waited {Limit.TotalSeconds} s)");
            await Task.Delay(10);
        }
    }
}
