using GraphQL;
using Microsoft.Extensions.DependencyInjection;

namespace ModelRegistry.GraphQL.Subscriptions;

/// <summary>
/// Runs each distinct shareable subscription once and fans its results out. The first subscriber's request is
/// executed in a service scope owned by the hub (so it outlives that subscriber's connection); each result is
/// serialized once and pushed to every attached subscriber, each of which keeps its own bounded buffer. When the
/// last subscriber leaves, the execution is stopped and its scope disposed.
/// </summary>
public sealed class SharedSubscriptionHub(IServiceScopeFactory scopes, IGraphQLTextSerializer serializer)
{
    private readonly IServiceScopeFactory scopeFactory = scopes;
    private readonly IGraphQLTextSerializer resultSerializer = serializer;
    private readonly Lock gate = new();
    private readonly Dictionary<string, SharedStream> streams = new(StringComparer.Ordinal);

    /// <summary>How many shared executions are running (for diagnostics and tests).</summary>
    public int RunningCount
    {
        get
        {
            lock (gate)
                return streams.Count;
        }
    }

    /// <summary>How many subscribers are attached over all shared executions (for diagnostics and tests).</summary>
    public int AttachedCount
    {
        get
        {
            lock (gate)
                return streams.Values.Sum(s => s.AttachedCount);
        }
    }

    /// <summary>
    /// Joins the execution for <paramref name="key"/>, starting it with <paramref name="execute"/> when none runs.
    /// The result is the execution's own when it produced no stream (errors), otherwise a result whose stream is this
    /// subscriber's view of the shared one. The caller must subscribe to that stream.
    /// </summary>
    public async Task<ExecutionResult> JoinAsync(
        string key, Func<IServiceProvider, CancellationToken, Task<ExecutionResult>> execute, CancellationToken cancellationToken)
    {
        while (true)
        {
            SharedStream stream;
            var created = false;
            lock (gate)
            {
                if (!streams.TryGetValue(key, out stream!))
                {
                    stream = new SharedStream(this, key);
                    streams[key] = stream;
                    created = true;
                }
            }
            if (created)
                stream.Start(execute);

            var started = await stream.Started.WaitAsync(cancellationToken);
            if (started.Streams is not { Count: > 0 } results)
                return started;
            if (!stream.TryReserve())
                continue; // It ended between start and join; start or join a fresh one.
            var name = results.Keys.First();
            return new ExecutionResult
            {
                Executed = true,
                Streams = new Dictionary<string, IObservable<ExecutionResult>> { [name] = new SubscriberView(stream) },
            };
        }
    }

    private void Forget(SharedStream stream)
    {
        lock (gate)
        {
            if (streams.TryGetValue(stream.Key, out var current) && ReferenceEquals(current, stream))
                streams.Remove(stream.Key);
        }
    }

    /// <summary>One running execution and the subscribers attached to it.</summary>
    private sealed class SharedStream(SharedSubscriptionHub hub, string key) : IObserver<ExecutionResult>
    {
        private readonly Lock gate = new();
        private readonly CancellationTokenSource stop = new();
        private IObserver<ExecutionResult>[] subscribers = [];
        private AsyncServiceScope? scope;
        private IObservable<ExecutionResult>? source;
        private IDisposable? upstream;
        private bool upstreamRequested;
        private int reserved;
        private bool ended;
        private Exception? failure;

        public string Key => key;

        public int AttachedCount => Volatile.Read(ref subscribers).Length;

        // Created with the stream, so a subscriber joining before the start has begun waits on the same outcome.
        private readonly TaskCompletionSource<ExecutionResult> started = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task<ExecutionResult> Started => started.Task;

        public void Start(Func<IServiceProvider, CancellationToken, Task<ExecutionResult>> execute)
            => _ = RunAsync(execute);

        public bool TryReserve()
        {
            lock (gate)
            {
                if (ended)
                    return false;
                reserved++;
                return true;
            }
        }

        public void Attach(IObserver<ExecutionResult> subscriber)
        {
            bool subscribeUpstream;
            Exception? endedWith;
            bool alreadyEnded;
            lock (gate)
            {
                reserved = Math.Max(0, reserved - 1);
                alreadyEnded = ended;
                endedWith = failure;
                subscribeUpstream = !ended && !upstreamRequested;
                if (!ended)
                {
                    subscribers = [.. subscribers, subscriber];
                    upstreamRequested = true;
                }
            }
            if (alreadyEnded)
            {
                if (endedWith is not null)
                    subscriber.OnError(endedWith);
                else
                    subscriber.OnCompleted();
                return;
            }
            if (!subscribeUpstream)
                return;
            // Subscribed outside the lock: a source may emit (and so broadcast) while it is being subscribed to.
            var subscription = source!.Subscribe(this);
            lock (gate)
            {
                if (!ended)
                {
                    upstream = subscription;
                    return;
                }
            }
            subscription.Dispose();
        }

        public void Detach(IObserver<ExecutionResult> subscriber)
        {
            lock (gate)
            {
                subscribers = subscribers.Where(s => !ReferenceEquals(s, subscriber)).ToArray();
                if (ended || subscribers.Length > 0 || reserved > 0)
                    return;
                ended = true;
            }
            End();
        }

        public void OnNext(ExecutionResult value)
        {
            var shared = value as SerializedExecutionResult ?? new SerializedExecutionResult(hub.resultSerializer.Serialize(value));
            foreach (var subscriber in Volatile.Read(ref subscribers))
                subscriber.OnNext(shared);
        }

        public void OnError(Exception error) => Finish(error);

        public void OnCompleted() => Finish(null);

        private void Finish(Exception? error)
        {
            IObserver<ExecutionResult>[] attached;
            lock (gate)
            {
                if (ended)
                    return;
                ended = true;
                failure = error;
                attached = subscribers;
                subscribers = [];
            }
            foreach (var subscriber in attached)
            {
                if (error is not null)
                    subscriber.OnError(error);
                else
                    subscriber.OnCompleted();
            }
            End();
        }

        private async Task RunAsync(Func<IServiceProvider, CancellationToken, Task<ExecutionResult>> execute)
        {
            await Task.Yield();
            scope = hub.scopeFactory.CreateAsyncScope();
            ExecutionResult result;
            try
            {
                result = await execute(scope.Value.ServiceProvider, stop.Token);
            }
            catch (Exception ex)
            {
                lock (gate)
                    ended = true;
                End();
                started.SetException(ex);
                return;
            }
            if (result.Streams?.Values.FirstOrDefault() is { } stream)
            {
                source = stream;
                started.SetResult(result);
                return;
            }
            lock (gate)
                ended = true;
            End();
            started.SetResult(result);
        }

        private void End()
        {
            hub.Forget(this);
            IDisposable? subscription;
            lock (gate)
            {
                subscription = upstream;
                upstream = null;
            }
            subscription?.Dispose();
            stop.Cancel();
            if (scope is { } owned)
                _ = owned.DisposeAsync().AsTask();
        }
    }

    /// <summary>One subscriber's handle on a shared stream: subscribing attaches, disposing detaches.</summary>
    private sealed class SubscriberView(SharedStream stream) : IObservable<ExecutionResult>
    {
        public IDisposable Subscribe(IObserver<ExecutionResult> observer)
        {
            stream.Attach(observer);
            return new Detachment(stream, observer);
        }
    }

    private sealed class Detachment(SharedStream stream, IObserver<ExecutionResult> observer) : IDisposable
    {
        private int disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref disposed, 1) == 0)
                stream.Detach(observer);
        }
    }
}
