using GraphQL;
using GraphQL.Types;
using ModelRegistry.GraphQL.Errors;
using ModelRegistry.GraphQL.Paging;
using ModelRegistry.GraphQL.Relay;

namespace ModelRegistry.GraphQL.Tests.TestSchema;

/// <summary>A thing the HTTP test schema serves as a Relay node.</summary>
public sealed record HttpThing(long Id, string Name);

/// <summary>The in-memory rows of the HTTP test schema.</summary>
public static class HttpThings
{
    /// <summary>Twenty-five things, ids 1 to 25.</summary>
    public static IReadOnlyList<HttpThing> All { get; } =
        Enumerable.Range(1, 25).Select(i => new HttpThing(i, $"thing-{i:D2}")).ToList();

    /// <summary>The node resolver: the key is the decimal id.</summary>
    public static Task<HttpThing?> FindAsync(string key)
        => Task.FromResult(long.TryParse(key, out var id) ? All.FirstOrDefault(t => t.Id == id) : null);
}

/// <summary>A tiny schema exercising the HTTP transport, error codes, node fields and a connection.</summary>
public sealed class HttpTestSchema : Schema
{
    /// <summary>Creates the schema.</summary>
    public HttpTestSchema(IServiceProvider services) : base(services)
    {
        Query = new HttpTestQuery();
        Mutation = new HttpTestMutation();
    }
}

/// <summary>The query root of the HTTP test schema.</summary>
public sealed class HttpTestQuery : ObjectGraphType
{
    /// <summary>Creates the fields.</summary>
    public HttpTestQuery()
    {
        Name = "Query";
        Field<NonNullGraphType<StringGraphType>>("hello").Resolve(_ => "world");
        Field<NonNullGraphType<StringGraphType>>("greeting")
            .Argument<NonNullGraphType<StringGraphType>>("name")
            .Resolve(context => "Hello, " + context.GetArgument<string>("name"));
        Field<StringGraphType>("boom")
            .Resolve(_ => throw new InvalidOperationException("connection string Password=hunter2 leaked"));
        Field<StringGraphType>("coded")
            .Resolve(_ => throw new ExecutionError("The name is already taken.") { Code = "NAME_TAKEN" });
        Field<StringGraphType>("missing")
            .Resolve(_ => throw new ExecutionError("No such model.") { Code = ErrorCodes.NotFound });
        this.AddNodeFields();
        Field<HttpThingsConnectionType>("things")
            .AddPagingArguments()
            .ResolveAsync(async context => await HttpThings.All.AsQueryable().PageAsync(
                [OrderKey.By<HttpThing, long>(t => t.Id, false, "thing.id")],
                context.GetPagingArguments(),
                cancellationToken: context.CancellationToken));
    }
}

/// <summary>The mutation root of the HTTP test schema.</summary>
public sealed class HttpTestMutation : ObjectGraphType
{
    /// <summary>Creates the fields.</summary>
    public HttpTestMutation()
    {
        Name = "Mutation";
        Field<NonNullGraphType<StringGraphType>>("setGreeting")
            .Argument<NonNullGraphType<StringGraphType>>("text")
            .Resolve(context => context.GetArgument<string>("text"));
    }
}

/// <summary>The <c>Thing</c> node type.</summary>
public sealed class HttpThingType : ObjectGraphType<HttpThing>
{
    /// <summary>Creates the fields.</summary>
    public HttpThingType()
    {
        Name = "Thing";
        Interface<NodeInterfaceType>();
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(context => GlobalId.Encode("Thing", context.Source.Id));
        Field<NonNullGraphType<StringGraphType>>("name").Resolve(context => context.Source.Name);
    }
}

/// <summary><c>ThingsConnection</c> / <c>ThingsEdge</c>.</summary>
public sealed class HttpThingsConnectionType() : ConnectionType<HttpThingType>("Things");
