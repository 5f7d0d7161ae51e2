namespace ModelRegistry.Core.Governance;

/// <summary>
/// What a principal may read: everything, or the models of some teams and some named models. Shared resources
/// (datasets, consumer applications, lineage edges) are readable by anyone who can read anything.
/// </summary>
public sealed record ReadVisibility(bool All, IReadOnlyList<string> Owners, IReadOnlyList<string> ModelNames)
{
    /// <summary>Reads nothing: the default until a request's principal is known.</summary>
    public static readonly ReadVisibility None = new(false, [], []);

    /// <summary>Reads everything, administration rows (webhooks and their deliveries) included: global ADMINs, the system.</summary>
    public static readonly ReadVisibility Everything = new(true, [], []) { Administers = true };

    /// <summary>Reads every model and shared resource, but no administration rows: global non-ADMIN roles, anonymous reads.</summary>
    public static readonly ReadVisibility AllModels = new(true, [], []);

    /// <summary>Whether administration rows (webhooks and their deliveries) are readable.</summary>
    public bool Administers { get; init; }

    /// <summary>Whether any model is readable at all.</summary>
    public bool Any => All || Owners.Count > 0 || ModelNames.Count > 0;

    /// <summary>
    /// Whether everything <paramref name="other"/> makes readable is readable here too (by the same kind of grant; a model
    /// named in <paramref name="other"/> but readable here only through its team counts as not included).
    /// </summary>
    public bool Includes(ReadVisibility other)
        => (Administers || !other.Administers)
           && (All || (!other.All && other.Owners.All(Owners.Contains) && other.ModelNames.All(ModelNames.Contains)));

    /// <summary>
    /// Whether the subjects at <paramref name="scope"/> are readable: a model's rows when its team or its name is granted;
    /// shared rows (a team's datasets, the registry's) when anything is. The database's read filters apply the same rule.
    /// </summary>
    public bool Covers(AccessScope scope)
        => scope.ModelName is null
            ? Any
            : All || (scope.Owner is not null && Owners.Contains(scope.Owner)) || ModelNames.Contains(scope.ModelName);
}

/// <summary>
/// The read visibility in force for the current scope; the persistence layer filters every query by it. The one owner
/// of that decision: a scope's visibility is established from its principal, adopted from the request that opened the
/// scope, or declared as the system's, and never assigned by hand.
/// </summary>
public sealed class ReadVisibilityHolder
{
    /// <summary>The visibility in force; <see cref="ReadVisibility.None"/> until established.</summary>
    public ReadVisibility Current { get; private set; } = ReadVisibility.None;

    /// <summary>
    /// Sets what the principal now acting in this scope may read: once a request is authenticated, or a socket's
    /// connection_init is. Returns it, for scopes the request opens later (see <see cref="Adopt"/>).
    /// </summary>
    public async Task<ReadVisibility> EstablishAsync(AccessControl access, CancellationToken cancellationToken)
        => Current = await access.ReadVisibilityAsync(cancellationToken);

    /// <summary>Carries a visibility established for a request into another scope of that request (e.g. a subscription event's).</summary>
    public void Adopt(ReadVisibility established) => Current = established;

    /// <summary>Reads everything for the rest of the scope: work the registry does itself (jobs, migrations, the event-log reader).</summary>
    public void ForSystem() => Current = ReadVisibility.Everything;

    /// <summary>A holder that reads everything from the start, for a context built outside any request (design time, tools).</summary>
    public static ReadVisibilityHolder Unfiltered()
    {
        var holder = new ReadVisibilityHolder();
        holder.ForSystem();
        return holder;
    }

    /// <summary>Reads everything until the returned handle is disposed (the write path and system tasks).</summary>
    public IDisposable Unrestricted()
    {
        var previous = Current;
        Current = ReadVisibility.Everything;
        return new Restore(this, previous);
    }

    private sealed class Restore(ReadVisibilityHolder holder, ReadVisibility previous) : IDisposable
    {
        public void Dispose() => holder.Current = previous;
    }
}
