using System.Reactive.Linq;
using System.Reactive.Subjects;
using GraphQL;
using GraphQL.Types;

namespace ModelRegistry.GraphQL.Tests.WebSockets.Fixture;

/// <summary>The event source behind <c>ticks</c>; tests publish into it and watch its observers.</summary>
public sealed class TickSource
{
    private readonly Subject<int> ticks = new();

    /// <summary>True while any subscription is attached.</summary>
    public bool HasObservers => ticks.HasObservers;

    /// <summary>Stream of published ticks.</summary>
    public IObservable<int> Ticks => ticks.AsObservable();

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
        Field<NonNullGraphType<IntGraphType>>("n").Resolve(ctx => ctx.Source);
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
