using System.Collections.Concurrent;
using System.Reflection;
using FluentValidation;
using Microsoft.AspNetCore.Mvc;

namespace Indicators.Api.Http;

/// <summary>
/// Validates an endpoint's <c>[AsParameters]</c> request with its FluentValidation validator and turns
/// failures into a 400 problem whose <c>errors</c> keys are the query parameter names as clients send them.
/// A parameter given more than once is rejected here too: binding would silently join the values.
/// </summary>
internal sealed class ValidationFilter<TRequest>(IValidator<TRequest> validator) : IEndpointFilter
{
    private static readonly IReadOnlyList<string> ParameterNames = QueryParameterNames.Of(typeof(TRequest));

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var query = context.HttpContext.Request.Query;
        foreach (var name in ParameterNames)
        {
            if (query.TryGetValue(name, out var values) && values.Count > 1)
            {
                errors[name] = [$"'{name}' was given {values.Count} times; give it once."];
            }
        }

        var request = context.Arguments.OfType<TRequest>().FirstOrDefault();
        if (errors.Count == 0 && request is not null)
        {
            // Codes, cursors and changedSince are checked against the release the request reads.
            var validation = new ValidationContext<TRequest>(request);
            validation.RootContextData[RequestRelease.ReleaseKey] = Data.DatasetRelease.Of(context.HttpContext.Request);
            validation.RootContextData[RequestRelease.ReleasesKey] = context.HttpContext.RequestServices.GetRequiredService<Data.DatasetRelease>();
            var result = await validator.ValidateAsync(validation, context.HttpContext.RequestAborted);
            foreach (var group in result.Errors.GroupBy(e => e.PropertyName))
            {
                errors[group.Key] = group.Select(e => e.ErrorMessage).Distinct().ToArray();
            }
        }

        if (errors.Count == 0)
        {
            return await next(context);
        }

        return TypedResults.ValidationProblem(
            errors,
            title: "One or more query parameters are invalid.",
            detail: $"Invalid parameter(s): {string.Join(", ", errors.Keys)}.");
    }
}

/// <summary>The query parameter names a request record binds, from its <c>[FromQuery(Name)]</c> attributes.</summary>
internal static class QueryParameterNames
{
    private static readonly ConcurrentDictionary<Type, IReadOnlyList<string>> Cache = new();

    // FluentValidation asks for a member's name on every validation (per request, per imported row):
    // reflection each time was 7% of a large import. Bounded by the members the code declares.
    private static readonly ConcurrentDictionary<MemberInfo, string> MemberNames = new();

    public static IReadOnlyList<string> Of(Type requestType) => Cache.GetOrAdd(requestType, type =>
        type.GetProperties().Select(p => p.GetCustomAttribute<FromQueryAttribute>()?.Name).OfType<string>().ToList());

    public static string For(MemberInfo? member) =>
        member is null ? string.Empty : MemberNames.GetOrAdd(member, m => m.GetCustomAttribute<FromQueryAttribute>()?.Name ?? m.Name);
}

internal static class ValidationFilterExtensions
{
    /// <summary>Validates the route's <typeparamref name="TRequest"/> and documents the 400 it may answer.</summary>
    public static RouteHandlerBuilder Validate<TRequest>(this RouteHandlerBuilder builder) =>
        builder.AddEndpointFilter<ValidationFilter<TRequest>>()
            .ProducesValidationProblem();
}
