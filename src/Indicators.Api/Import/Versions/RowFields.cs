using System.Collections.Concurrent;
using System.Reflection;
using CsvHelper.Configuration.Attributes;

namespace Indicators.Api.Import.Versions;

/// <summary>A curated row's fields by the column names of its file ([Name]), base-class columns first, each in declaration order.</summary>
internal static class RowFields
{
    private static readonly ConcurrentDictionary<Type, (string Name, PropertyInfo Property)[]> Columns = new();

    public static IReadOnlyList<(string Field, string? Value)> Of(object row) =>
        ColumnsOf(row.GetType()).Select(c => (c.Name, (string?)c.Property.GetValue(row))).ToList();

    private static (string Name, PropertyInfo Property)[] ColumnsOf(Type type) => Columns.GetOrAdd(type, t =>
    {
        var chain = new List<Type>();
        for (var at = t; at is not null && at != typeof(object); at = at.BaseType)
        {
            chain.Insert(0, at);
        }

        return chain.SelectMany(c => c.GetProperties(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
                .OrderBy(p => p.MetadataToken))
            .Select(p => (p.GetCustomAttribute<NameAttribute>()?.Names[0], p))
            .Where(c => c.Item1 is not null)
            .Select(c => (c.Item1!, c.p))
            .ToArray();
    });
}
