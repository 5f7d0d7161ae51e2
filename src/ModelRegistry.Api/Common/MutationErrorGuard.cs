using GraphQL;
using Microsoft.AspNetCore.Hosting.Server;
using ModelRegistry.Core.Common;

namespace ModelRegistry.Api.Common;

/// <summary>
/// Stands between a payload and its <c>errors</c> field: an error the mutation's interface does not declare cannot be
/// served as a member of it (the engine would fail to resolve its type and lose the code). Where the table can still be
/// fixed (Development, Testing, any test host) that is a bug to surface at once, so it throws; in Production the client
/// still learns the code and message, as a top-level error on the field, and the operator gets a warning.
/// </summary>
public sealed class MutationErrorGuard(bool strict, IReadOnlyDictionary<string, IReadOnlySet<string>> declared, ILogger<MutationErrorGuard> logger)
{
    /// <summary>Whether an undeclared error throws instead of being reported as a top-level error.</summary>
    public bool Strict => strict;

    /// <summary>Strict in Development and Testing, and under a test server whatever the environment it claims.</summary>
    public static bool IsStrict(IHostEnvironment environment, IServer? server)
        => environment.IsDevelopment() || environment.IsEnvironment("Testing")
            || server?.GetType().Assembly.GetName().Name == "Microsoft.AspNetCore.TestHost";

    /// <summary><paramref name="errors"/> when <paramref name="mutation"/> declares every one of them.</summary>
    public IReadOnlyList<DomainError>? Check(string mutation, IReadOnlyList<DomainError>? errors)
    {
        if (errors is null)
            return null;
        foreach (var error in errors)
        {
            if (declared.TryGetValue(mutation, out var codes) && codes.Contains(error.Code))
                continue;
            if (strict)
                throw new InvalidOperationException(
                    $"Mutation '{mutation}' returned {error.Code}, which {nameof(MutationErrors)} does not declare for it: add the code to its row.");
            logger.LogWarning("Mutation {Mutation} returned {Code}, which its error interface does not declare; it was reported as a top-level error.",
                mutation, error.Code);
            var reported = new ExecutionError(error.Message) { Code = error.Code };
            if (error.Field is not null)
                reported.Data["field"] = error.Field;
            throw reported;
        }
        return errors;
    }
}
