using System.Security.Claims;
using GraphQL;
using Microsoft.AspNetCore.Http;
using ModelRegistry.GraphQL.Limits;

namespace ModelRegistry.GraphQL.Execution;

/// <summary>Options shared by every transport (HTTP, WebSocket, SSE) that executes GraphQL requests.</summary>
public sealed class GraphQLEndpointOptions
{
    /// <summary>Path the endpoint is mapped at.</summary>
    public string Path { get; set; } = "/graphql";

    /// <summary>Largest number of operations accepted in one batched HTTP request.</summary>
    public int MaxBatchSize { get; set; } = 10;

    /// <summary>Depth, cost, alias, root-field, introspection, body-size, timeout and CSRF limits (see <c>AddGraphQLLimits</c>).</summary>
    public GraphQLLimits Limits { get; } = new();

    /// <summary>When true, error messages of unexpected exceptions and their stack traces reach clients (Development only).</summary>
    public bool ExposeExceptionDetails { get; set; }

    /// <summary>Builds the per-request user context. The dictionary is the connection_init payload on WebSockets, null on HTTP.</summary>
    public Func<HttpContext, IReadOnlyDictionary<string, object?>?, ValueTask<GraphQLUserContext>>? UserContextFactory { get; set; }

    /// <summary>
    /// Readies a service scope the toolkit opens for a request, from the request's user context: the execution of a
    /// shared subscription, and the scope each subscription event resolves in. Null leaves such scopes as created.
    /// </summary>
    public Action<IServiceProvider, GraphQLUserContext>? PrepareScope { get; set; }

    /// <summary>
    /// Re-judges a socket's user context in the service scope of one of its operations (already readied by
    /// <see cref="PrepareScope"/>): before each operation, and whenever <see cref="WebSockets.OpenSockets.Rejudge"/> asks.
    /// Throw <see cref="WebSockets.ConnectionRejectedException"/> when the connection's credential is no longer in force
    /// (the socket closes with 4403). Null keeps the connection_init context for the socket's life.
    /// </summary>
    public Func<IServiceProvider, GraphQLUserContext, CancellationToken, ValueTask<RenewedUserContext>>? RenewUserContext { get; set; }

    /// <summary>
    /// The partition of a subscriber for shared subscriptions: subscribers in one partition must be entitled to the
    /// same results (e.g. the same read visibility). Null (the default), or a null answer, turns sharing off.
    /// </summary>
    public Func<GraphQLUserContext, string?>? SubscriptionPartition { get; set; }

    /// <summary>Last chance to adjust execution options (validation rules, listeners, limits) for every request.</summary>
    public List<Action<ExecutionOptions, HttpContext>> ConfigureExecution { get; } = [];
}

/// <summary>The per-request user context handed to resolvers; transports may add entries.</summary>
public class GraphQLUserContext : Dictionary<string, object?>
{
    /// <summary>The authenticated principal, or an anonymous one.</summary>
    public ClaimsPrincipal User { get; init; } = new(new ClaimsIdentity());

    /// <summary>When the credential behind this context expires; a socket opened with it closes with 4403 then.</summary>
    public DateTimeOffset? ValidUntil { get; init; }
}

/// <summary>
/// What re-judging a socket's user context found: the context its operations run with from now on (the same instance
/// while nothing changed), and whether it may read less than before, which ends the subscriptions started earlier.
/// </summary>
public sealed record RenewedUserContext(GraphQLUserContext Context, bool Narrowed);
