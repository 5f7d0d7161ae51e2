using ModelRegistry.Core.Abstractions;

namespace ModelRegistry.Api.Extensions;

/// <summary>The actor of the current scope: "anonymous" until authentication names someone.</summary>
public sealed class RequestActor : IActorContext
{
    /// <summary>The name written to audit events.</summary>
    public string Name { get; set; } = "anonymous";
}
