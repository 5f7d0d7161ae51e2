namespace ModelRegistry.Core.Abstractions;

/// <summary>Who is acting in the current request.</summary>
public interface IActorContext
{
    /// <summary>The principal's name ("anonymous" without credentials).</summary>
    string Name { get; }
}
