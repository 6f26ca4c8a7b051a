using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Indicators.Api.Tests.Support;

/// <summary>
/// A clock that reads a fixed day: it starts at <see cref="Start"/> and runs on in real time, so what reads the
/// date (a citation's access date, a publication time) is known to the test, and what measures time still sees it pass.
/// </summary>
internal sealed class FixedClock(DateTimeOffset start) : TimeProvider
{
    public static readonly DateTimeOffset Start = new(2026, 12, 2, 9, 0, 0, TimeSpan.Zero);

    private readonly long _started = System.GetTimestamp();

    public FixedClock() : this(Start)
    {
    }

    public override DateTimeOffset GetUtcNow() => start + System.GetElapsedTime(_started);
}

/// <summary>The service with its clock on <see cref="FixedClock.Start"/>: access dates in citations are that day.</summary>
public sealed class FixedClockApiFactory : ApiFactory
{
    public static DateOnly Today => DateOnly.FromDateTime(FixedClock.Start.UtcDateTime);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(new FixedClock()));
    }
}
