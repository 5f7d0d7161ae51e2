using System.Reactive.Linq;
using System.Reactive.Subjects;
using GraphQL;
using GraphQL.Types;
using Microsoft.Extensions.DependencyInjection;
using ModelRegistry.GraphQL.Subscriptions;

namespace ModelRegistry.GraphQL.Tests.WebSockets.Fixture;

/// <summary>The event source behind <c>ticks</c>; tests publish into it and watch its observers.</summary>
public sealed class TickSource
{
    private readonly Subject<int> ticks = new();

    /// <summary>True while any subscription is attached.</summary>
    public bool HasObservers => ticks.HasObservers;

    /// <summary>Stream of published ticks.</summary>
    public IObservable<int> Ticks => ticks.AsObservable();

    private int sharedStreamsOpened;
    private int resolutions;

    /// <summary>How many times a <c>sharedTicks</c> stream was set up.</summary>
    public int SharedStreamsOpened => Volatile.Read(ref sharedStreamsOpened);

    /// <summary>How many times a tick's <c>n</c> was resolved, over all subscriptions.</summary>
    public int Resolutions => Volatile.Read(ref resolutions);

    /// <summary>The stream behind one <c>sharedTicks</c> subscription, counting set-ups.</summary>
    public IObservable<int> OpenShared()
    {
        Interlocked.Increment(ref sharedStreamsOpened);
        return Ticks;
    }

    /// <summary>Counts one resolution of a tick.</summary>
    public int Resolve(int n)
    {
        Interlocked.Increment(ref resolutions);
        return n;
    }

    /// <summary>Delivers one tick to every subscription.</summary>
    public void Publish(int n) => ticks.OnNext(n);

    /// <summary>Waits (bounded) until the condition on the observers holds; returns whether it did.</summary>
    public async Task<bool> WaitForObserversAsync(bool expected, int attempts = 500)
    {
        for (var i = 0; i < attempts && HasObservers != expected; i++)
            await Task.Delay(10);
        return HasObservers == expected;
    }
}

/// <summary>A tick with a number and optional padding to make results large.</summary>
public sealed class TickType : ObjectGraphType<int>
{
    /// <summary>Declares the fields.</summary>
    public TickType()
    {
        Name = "Tick";
        Field<NonNullGraphType<IntGraphType>>("n").Resolve(ctx => ctx.RequestServices!.GetRequiredService<TickSource>().Resolve(ctx.Source));
        Field<NonNullGraphType<StringGraphType>>("padding")
            .Argument<NonNullGraphType<IntGraphType>>("size")
            .Resolve(ctx => new string('x', ctx.GetArgument<int>("size")));
    }
}

/// <summary>Test query root: <c>hello</c>.</summary>
public sealed class TickQuery : ObjectGraphType
{
    /// <summary>Declares the fields.</summary>
    public TickQuery()
    {
        Name = "Query";
        Field<NonNullGraphType<StringGraphType>>("hello").Resolve(_ => "world");
    }
}

/// <summary>Test mutation root, used to check that GET refuses mutations.</summary>
public sealed class TickMutation : ObjectGraphType
{
    /// <summary>Declares the fields.</summary>
    public TickMutation()
    {
        Name = "Mutation";
        Field<NonNullGraphType<IntGraphType>>("touch").Resolve(_ => 1);
    }
}

/// <summary>Test subscription root: <c>ticks(count: Int)</c> completes after <c>count</c> ticks.</summary>
public sealed class TickSubscription : ObjectGraphType
{
    /// <summary>Declares the fields.</summary>
    public TickSubscription(TickSource source)
    {
        Name = "Subscription";
        Field<NonNullGraphType<TickType>, int>("ticks")
            .Argument<IntGraphType>("count")
            .ResolveStream(ctx => ctx.GetArgument<int?>("count") is { } count ? source.Ticks.Take(count) : source.Ticks);
        Field<NonNullGraphType<TickType>, int>("sharedTicks")
            .Argument<StringGraphType>("channel")
            .Argument<IntGraphType>("from")
            .ResolveStream(ctx => Observable.Defer(() => source.OpenShared().Where(n => n >= (ctx.GetArgument<int?>("from") ?? 0))))
            .SharedAcrossSubscribers("from");
    }
}

/// <summary>The tiny schema the transport tests run against.</summary>
public sealed class TickSchema : Schema
{
    /// <summary>Wires the roots from the container.</summary>
    public TickSchema(IServiceProvider services, TickQuery query, TickMutation mutation, TickSubscription subscription)
        : base(services)
    {
        Query = query;
        Mutation = mutation;
        Subscription = subscription;
    }
}
