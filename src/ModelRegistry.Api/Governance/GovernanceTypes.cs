using GraphQL.Types;
using ModelRegistry.Api.Auth;
using ModelRegistry.Api.Common;
using ModelRegistry.Core.Audit;
using ModelRegistry.Core.Governance;
using ModelRegistry.GraphQL.Limits;
using ModelRegistry.GraphQL.Relay;

namespace ModelRegistry.Api.Governance;

/// <summary>The <c>Role</c> enum.</summary>
public sealed class RoleType : EnumerationGraphType<Role>
{
    /// <summary>Names the enum.</summary>
    public RoleType() => Name = "Role";
}

/// <summary>The <c>Principal</c> type: who the caller is and the roles it holds.</summary>
public sealed class PrincipalType : ObjectGraphType<RegistryPrincipal>
{
    /// <summary>Declares the fields.</summary>
    public PrincipalType()
    {
        Name = "Principal";
        Field(p => p.Name);
        Field<NonNullGraphType<StringGraphType>>("kind").Description("USER or SERVICE.").Resolve(c => c.Source.Kind.ToString().ToUpperInvariant());
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("groups").Resolve(c => c.Source.Groups);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<RoleAssignmentType>>>>("roles")
            .Sliced(defaultSize: ListBounds.MaxSlice)
            .Description("Grants in force for the principal and its groups; the bootstrap admin key's global ADMIN comes first, marked `implicit`.")
            .ResolveAsync(async c =>
            {
                var stored = await c.RequestServices!.GetRequiredService<AccessControl>().GrantsAsync(c.CancellationToken);
                if (!c.Source.ImplicitAdmin)
                    return c.Slice(stored);
                var since = c.RequestServices!.GetRequiredService<RegistryAuthOptions>().LoadedAt;
                return c.Slice<RoleAssignment>([ImplicitRoleAssignment.GlobalAdmin(c.Source.Name, since), .. stored]);
            });
    }
}

/// <summary>The <c>RoleAssignment</c> node.</summary>
public sealed class RoleAssignmentType : ObjectGraphType<RoleAssignment>
{
    /// <summary>Declares the fields.</summary>
    public RoleAssignmentType()
    {
        Name = "RoleAssignment";
        Interface<NodeInterfaceType>();
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(c => GlobalId.Encode(NodeTypes.RoleAssignment, c.Source.Id));
        Field(r => r.Principal);
        Field<NonNullGraphType<RoleType>>("role").Resolve(c => c.Source.Role);
        Field(r => r.Scope).Description("\"global\", \"team:<owner>\" or \"model:<name>\".");
        Field<NonNullGraphType<DateTimeGraphType>>("grantedAt").Resolve(c => c.Source.GrantedAt);
        Field(r => r.GrantedBy);
        Field<DateTimeGraphType>("revokedAt").Resolve(c => c.Source.RevokedAt);
        Field<NonNullGraphType<BooleanGraphType>>("implicit")
            .Description("True for a grant held by configuration (the bootstrap admin key's global ADMIN), not stored: it cannot be revoked and its `id` resolves to nothing.")
            .Resolve(c => c.Source is ImplicitRoleAssignment);
    }
}

/// <summary>The <c>ApiKey</c> node; the secret itself is never readable.</summary>
public sealed class ApiKeyType : ObjectGraphType<ApiKey>
{
    /// <summary>Declares the fields.</summary>
    public ApiKeyType()
    {
        Name = "ApiKey";
        Interface<NodeInterfaceType>();
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(c => GlobalId.Encode(NodeTypes.ApiKey, c.Source.Id));
        Field(k => k.Name);
        Field(k => k.Principal);
        Field(k => k.Prefix);
        Field<NonNullGraphType<DateTimeGraphType>>("createdAt").Resolve(c => c.Source.CreatedAt);
        Field<DateTimeGraphType>("revokedAt").Resolve(c => c.Source.RevokedAt);
    }
}

/// <summary>The <c>PromotionPolicy</c> type: a configured rule of one stage at one scope.</summary>
public sealed class PromotionPolicyType : ObjectGraphType<PromotionPolicyRule>
{
    /// <summary>Declares the fields.</summary>
    public PromotionPolicyType()
    {
        Name = "PromotionPolicy";
        Field(r => r.Scope);
        Field<NonNullGraphType<Versions.ModelStageType>>("targetStage").Resolve(c => c.Source.TargetStage);
        Field(r => r.RequiredApprovals);
        Field(r => r.RequireTrainingData);
        Field(r => r.MetricName, nullable: true);
        Field(r => r.MetricMinimum, nullable: true);
        Field<NonNullGraphType<DateTimeGraphType>>("updatedAt").Resolve(c => c.Source.UpdatedAt);
        Field(r => r.UpdatedBy);
    }
}
