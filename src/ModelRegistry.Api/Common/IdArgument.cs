using ModelRegistry.Core.Common;
using ModelRegistry.GraphQL.Relay;

namespace ModelRegistry.Api.Common;

/// <summary>Decodes global IDs in mutation inputs into typed payload errors instead of exceptions.</summary>
public static class IdArgument
{
    /// <summary>Decodes an ID of the expected node type; a malformed or mistyped ID is a VALIDATION_FAILED error on that field.</summary>
    public static bool TryDecode(string? id, string nodeType, string field, out long key, out DomainError? error)
    {
        error = GlobalId.TryDecodeLong(id, nodeType, out key)
            ? null
            : DomainError.Invalid($"'{field}' must be the ID of a {nodeType}; '{id}' is not.", field);
        return error is null;
    }
}
