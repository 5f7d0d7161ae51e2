using GraphQL;

namespace ModelRegistry.GraphQL.Subscriptions;

/// <summary>
/// A subscription result already written as JSON, shared by every subscriber of a shared subscription; transports
/// send <see cref="Json"/> as the payload instead of serializing the result again for each subscriber.
/// </summary>
public sealed class SerializedExecutionResult : ExecutionResult
{
    /// <summary>Wraps the JSON text of one result.</summary>
    public SerializedExecutionResult(string json)
    {
        Json = json;
        Executed = true;
    }

    /// <summary>The result as the transport's serializer wrote it.</summary>
    public string Json { get; }
}
