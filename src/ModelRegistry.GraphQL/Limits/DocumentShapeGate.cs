using GraphQL.Validation;
using Microsoft.Extensions.Options;
using ModelRegistry.GraphQL.Execution;

namespace ModelRegistry.GraphQL.Limits;

/// <summary>
/// Stands in front of the engine's validator: a document refused by <see cref="DocumentCensus"/> never reaches the
/// validation rules, whose fragment-expanding walks (field merging, cost analysis) are what cost minutes on hostile shapes.
/// </summary>
public sealed class DocumentShapeGate(IDocumentValidator validator, IOptions<GraphQLEndpointOptions> options) : IDocumentValidator
{
    /// <inheritdoc />
    public Task<IValidationResult> ValidateAsync(in ValidationOptions validation)
    {
        if (DocumentCensus.Refusal(validation.Document, validation.Schema, options.Value.Limits, validation.CancellationToken) is { } refusal)
            return Task.FromResult<IValidationResult>(new ValidationResult([refusal]));
        return validator.ValidateAsync(validation);
    }
}
