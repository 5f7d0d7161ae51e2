namespace ModelRegistry.GraphQL.WebSockets;

/// <summary>An operation of a socket in flight and the means to stop it.</summary>
internal sealed class RunningOperation(string id, CancellationToken socketLifetime) : IDisposable
{
    private readonly CancellationTokenSource stop = CancellationTokenSource.CreateLinkedTokenSource(socketLifetime);
    private bool streaming;

    public string Id => id;

    public CancellationToken Token => stop.Token;

    public Task Completion { get; set; } = Task.CompletedTask;

    /// <summary>How many narrowings of the socket's rights the context it runs with reflects.</summary>
    public int Narrowings { get; set; }

    /// <summary>True once the operation is a subscription delivering results, no longer executing.</summary>
    public bool Streaming
    {
        get => Volatile.Read(ref streaming);
        set => Volatile.Write(ref streaming, value);
    }

    public void Cancel()
    {
        try
        {
            stop.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // Already finished.
        }
    }

    public void Dispose() => stop.Dispose();
}
