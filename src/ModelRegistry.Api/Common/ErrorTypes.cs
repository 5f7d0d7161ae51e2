using GraphQL;
using GraphQL.Types;
using ModelRegistry.Core.Common;

namespace ModelRegistry.Api.Common;

/// <summary>The contract's <c>Error</c> interface: every typed mutation error has a message and a code.</summary>
public sealed class ErrorInterfaceType : InterfaceGraphType<DomainError>
{
    /// <summary>Declares message, code and field.</summary>
    public ErrorInterfaceType()
    {
        Name = "Error";
        Description = "A domain error returned in a mutation payload.";
        Field(e => e.Message);
        Field(e => e.Code);
        Field(e => e.Field, nullable: true).Description("The input field at fault, when there is one.");
    }
}

/// <summary>
/// The errors one mutation can return (<c>CreateModelVersionError</c> for <c>createModelVersion</c>): an interface, not a
/// union, so that <c>errors { code message field }</c> stays a valid selection, and one that implements <c>Error</c>.
/// </summary>
[DoNotRegister]
public sealed class MutationErrorInterfaceType : InterfaceGraphType<DomainError>
{
    /// <summary>Names the interface after <paramref name="mutation"/>.</summary>
    public MutationErrorInterfaceType(string mutation)
    {
        Name = MutationErrors.InterfaceName(mutation);
        Description = $"The errors `{mutation}` can return.";
        Interface<ErrorInterfaceType>();
        Field(e => e.Message);
        Field(e => e.Code);
        Field(e => e.Field, nullable: true).Description("The input field at fault, when there is one.");
    }
}

/// <summary>A typed error object for one error code.</summary>
public abstract class DomainErrorType : ObjectGraphType<DomainError>
{
    /// <summary>Names the type and binds it to its code.</summary>
    protected DomainErrorType(string name, string code, string description)
    {
        Name = name;
        Description = description;
        // By name, so that Error comes first in the printed schema, before each mutation's interface (registered by
        // name in RegistrySchema).
        AddResolvedInterface(new GraphQLTypeReference("Error"));
        foreach (var mutation in MutationErrors.Returning(code))
            AddResolvedInterface(new GraphQLTypeReference(MutationErrors.InterfaceName(mutation)));
        IsTypeOf = value => value is DomainError error && error.Code == code;
        Field(e => e.Message);
        Field(e => e.Code);
        Field(e => e.Field, nullable: true);
    }
}

/// <summary>NOT_FOUND.</summary>
public sealed class NotFoundErrorType() : DomainErrorType("NotFoundError", ErrorCodes.NotFound, "The subject does not exist or is not visible to you.");

/// <summary>NAME_TAKEN.</summary>
public sealed class NameTakenErrorType() : DomainErrorType("NameTakenError", ErrorCodes.NameTaken, "A unique name is already in use.");

/// <summary>VALIDATION_FAILED.</summary>
public sealed class ValidationErrorType() : DomainErrorType("ValidationError", ErrorCodes.ValidationFailed, "The input breaks a rule of the registry.");

/// <summary>INVALID_TRANSITION.</summary>
public sealed class InvalidTransitionErrorType() : DomainErrorType("InvalidTransitionError", ErrorCodes.InvalidTransition, "The lifecycle does not allow this change.");

/// <summary>UNAUTHENTICATED.</summary>
public sealed class UnauthenticatedErrorType() : DomainErrorType("UnauthenticatedError", ErrorCodes.Unauthenticated, "The change needs credentials.");

/// <summary>FORBIDDEN.</summary>
public sealed class ForbiddenErrorType() : DomainErrorType("ForbiddenError", ErrorCodes.Forbidden, "The principal lacks the role the change needs.");

/// <summary>SELF_APPROVAL.</summary>
public sealed class SelfApprovalErrorType() : DomainErrorType("SelfApprovalError", ErrorCodes.SelfApproval, "Requesters and creators cannot decide their own promotions.");

/// <summary>POLICY_CHECK_FAILED.</summary>
public sealed class PolicyCheckFailedErrorType() : DomainErrorType("PolicyCheckFailedError", ErrorCodes.PolicyCheckFailed, "The version fails a check of the stage's promotion policy.");

/// <summary>DEPLOYMENT_POLICY_VIOLATION.</summary>
public sealed class DeploymentPolicyViolationErrorType() : DomainErrorType("DeploymentPolicyViolationError", ErrorCodes.DeploymentPolicyViolation,
    "The environment's deployment policy does not allow the version's stage; the message names the rule.");

/// <summary>STATE_MISMATCH.</summary>
public sealed class StateMismatchErrorType() : DomainErrorType("StateMismatchError", ErrorCodes.StateMismatch,
    "A stored value the policy would judge differs from the audit chain; the message names the field, the chained and the stored value.");

/// <summary>ALREADY_DECIDED.</summary>
public sealed class AlreadyDecidedErrorType() : DomainErrorType("AlreadyDecidedError", ErrorCodes.AlreadyDecided, "The request was already decided, or this approver already decided.");

/// <summary>IMMUTABLE.</summary>
public sealed class ImmutableErrorType() : DomainErrorType("ImmutableError", ErrorCodes.Immutable, "The version is or was in PRODUCTION: its artifacts never change and it is never deleted.");

/// <summary>AUDIT_CHAIN_TAMPERED.</summary>
public sealed class AuditChainTamperedErrorType() : DomainErrorType("AuditChainTamperedError", ErrorCodes.AuditChainTampered,
    "The audit log's head is not the one its anchor vouches for (cut, restored from an older file, forged or re-chained), so a write would reuse a sequence number or chain onto a forgery; writes are refused until the log is restored.");

/// <summary>Every typed error, registered with the schema so payloads can return them.</summary>
public static class ErrorTypes
{
    /// <summary>The error object types.</summary>
    public static readonly Type[] All =
        [
            typeof(NotFoundErrorType), typeof(NameTakenErrorType), typeof(ValidationErrorType), typeof(InvalidTransitionErrorType),
            typeof(UnauthenticatedErrorType), typeof(ForbiddenErrorType), typeof(SelfApprovalErrorType), typeof(PolicyCheckFailedErrorType),
            typeof(AlreadyDecidedErrorType), typeof(Webhooks.DuplicateWebhookErrorType), typeof(ImmutableErrorType),
            typeof(DeploymentPolicyViolationErrorType), typeof(StateMismatchErrorType), typeof(AuditChainTamperedErrorType),
        ];
}
