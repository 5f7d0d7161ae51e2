using GraphQL.Types;

namespace ModelRegistry.Api.Common;

/// <summary>Describes each value of a schema enum from one table.</summary>
public static class EnumValueDescriptions
{
    /// <summary>
    /// Sets every value's description from <paramref name="meanings"/>; a value missing from the table fails at schema
    /// build, so a new enum member cannot reach clients undescribed.
    /// </summary>
    public static void Describe<TEnum>(this EnumerationGraphType<TEnum> type, IReadOnlyDictionary<TEnum, string> meanings)
        where TEnum : Enum
    {
        foreach (var value in type.Values)
        {
            var member = (TEnum)value.Value!;
            value.Description = meanings.TryGetValue(member, out var meaning)
                ? meaning
                : throw new InvalidOperationException($"{type.Name}.{value.Name} has no description.");
        }
    }
}
