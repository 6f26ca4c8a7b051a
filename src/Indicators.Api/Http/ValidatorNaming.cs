using System.Runtime.CompilerServices;
using FluentValidation;

namespace Indicators.Api.Http;

internal static class ValidatorNaming
{
    /// <summary>
    /// FluentValidation names failures after C# properties ("PageSize"); clients sent "pageSize". Resolving
    /// names from <c>[FromQuery(Name)]</c> once, for every validator, keeps errors keyed as the query was.
    /// </summary>
#pragma warning disable CA2255 // The initializer must run before any validator is built, in the service and in tests.
    [ModuleInitializer]
#pragma warning restore CA2255
    internal static void UseQueryParameterNames()
    {
        ValidatorOptions.Global.PropertyNameResolver = (_, member, _) => QueryParameterNames.For(member);
        ValidatorOptions.Global.DisplayNameResolver = (_, member, _) => QueryParameterNames.For(member);
    }
}
