using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;

namespace Indicators.Api.Http;

/// <summary>
/// Every error is answered, whatever the Accept header. The framework's problem writer declines a request
/// whose Accept names no JSON type (a browser's text/html, rsdmx's application/xml, text/csv, image/png), and
/// the middleware that writes 405, 414, 429 and 503 then threw: a 500. The writers, in order: the HTML error
/// page (page paths whose client ranks HTML first, see <see cref="HtmlNegotiation"/>), the framework's
/// problem+json, and last <see cref="AnyAcceptProblemWriter"/>, which writes problem+json for anyone.
/// </summary>
internal static class ProblemWriting
{
    public static IServiceCollection AddIndicatorsProblems(this IServiceCollection services)
    {
        // Registration order is the order ProblemDetailsService asks the writers.
        services.AddSingleton<IProblemDetailsWriter, Pages.ErrorPageWriter>();
        services.AddProblemDetails();
        services.AddSingleton<IProblemDetailsWriter, AnyAcceptProblemWriter>();
        return services;
    }

    /// <summary>The type and title a problem gets from its status when the code gave none (as the framework does).</summary>
    public static void ApplyDefaults(ProblemDetails problem, int status)
    {
        problem.Status ??= status;
        problem.Title ??= ReasonPhrases.GetReasonPhrase(problem.Status.Value) is { Length: > 0 } phrase ? phrase : "Error";
        problem.Type ??= problem.Status switch
        {
            400 => "https://tools.ietf.org/html/rfc9110#section-15.5.1",
            404 => "https://tools.ietf.org/html/rfc9110#section-15.5.5",
            405 => "https://tools.ietf.org/html/rfc9110#section-15.5.6",
            406 => "https://tools.ietf.org/html/rfc9110#section-15.5.7",
            410 => "https://tools.ietf.org/html/rfc9110#section-15.5.11",
            414 => "https://tools.ietf.org/html/rfc9110#section-15.5.15",
            431 => "https://tools.ietf.org/html/rfc6585#section-5",
            429 => "https://tools.ietf.org/html/rfc6585#section-4",
            500 => "https://tools.ietf.org/html/rfc9110#section-15.6.1",
            503 => "https://tools.ietf.org/html/rfc9110#section-15.6.4",
            _ => null,
        };
    }
}

/// <summary>problem+json for a client whose Accept header the framework's writer would turn away.</summary>
internal sealed class AnyAcceptProblemWriter(IOptions<ProblemDetailsOptions> problemOptions, IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> jsonOptions)
    : IProblemDetailsWriter
{
    public bool CanWrite(ProblemDetailsContext context) => true;

    public ValueTask WriteAsync(ProblemDetailsContext context)
    {
        var http = context.HttpContext;
        ProblemWriting.ApplyDefaults(context.ProblemDetails, http.Response.StatusCode);
        problemOptions.Value.CustomizeProblemDetails?.Invoke(context);
        var problem = context.ProblemDetails;
        var typeInfo = jsonOptions.Value.SerializerOptions.GetTypeInfo(problem.GetType());
        return new ValueTask(http.Response.WriteAsJsonAsync(problem, typeInfo, "application/problem+json", http.RequestAborted));
    }
}
