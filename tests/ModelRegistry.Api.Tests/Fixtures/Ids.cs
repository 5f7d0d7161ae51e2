using ModelRegistry.GraphQL.Relay;

namespace ModelRegistry.Api.Tests.Fixtures;

/// <summary>Well-formed IDs of objects that do not exist, and the keys behind IDs, for tests that must look past the opacity.</summary>
public static class Ids
{
    /// <summary>A key no test ever reaches.</summary>
    public const long MissingKey = 987_654_321;

    /// <summary>A well-formed ID of a <paramref name="typeName"/> that does not exist.</summary>
    public static string Unknown(string typeName) => GlobalId.Encode(typeName, MissingKey);

    /// <summary>The database key behind an ID, to match audit rows against the objects a client saw.</summary>
    public static long KeyOf(string id)
    {
        Assert.True(GlobalId.TryDecode(id, out _, out var key), $"'{id}' is not an ID of the registry");
        return long.Parse(key, System.Globalization.CultureInfo.InvariantCulture);
    }
}
