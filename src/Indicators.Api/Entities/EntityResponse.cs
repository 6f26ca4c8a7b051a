namespace Indicators.Api.Entities;

/// <summary>Who or what a figure is about: a country, a group of countries, the world, or a named project.</summary>
internal sealed record EntityResponse
{
    /// <summary>The code used in URLs and filters.</summary>
    /// <example>multan-sukkur-motorway</example>
    public required string Code { get; init; }

    /// <summary>The human name.</summary>
    /// <example>Peshawar–Karachi Motorway, Multan–Sukkur section</example>
    public required string Name { get; init; }

    /// <summary>country, group, world or project.</summary>
    /// <example>project</example>
    public required string Type { get; init; }

    /// <summary>What the entity is.</summary>
    /// <example>The Multan–Sukkur section of the Peshawar–Karachi Motorway in Pakistan.</example>
    public required string Description { get; init; }

    /// <summary>How many stated (non-derived) observations are about this entity.</summary>
    /// <example>2</example>
    public required long ObservationCount { get; init; }
}

/// <summary>An entity as SQLite returns it.</summary>
internal sealed class EntityRow
{
    public string Code { get; init; } = "";
    public string Name { get; init; } = "";
    public string Type { get; init; } = "";
    public string Description { get; init; } = "";
    public long ObservationCount { get; init; }

    public EntityResponse ToResponse() => new()
    {
        Code = Code, Name = Name, Type = Type, Description = Description, ObservationCount = ObservationCount,
    };
}
