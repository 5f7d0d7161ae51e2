using GraphQL;
using GraphQL.Types;
using ModelRegistry.Api.Common;
using ModelRegistry.Core.Artifacts;

namespace ModelRegistry.Api.Artifacts;

/// <summary>Arguments of <c>deleteArtifact</c>.</summary>
public sealed class DeleteArtifactInput : IMutationInput
{
    /// <summary>The artifact's ID.</summary>
    public string Id { get; set; } = "";
    /// <summary>Why, recorded in the audit log.</summary>
    public string Reason { get; set; } = "";
}

/// <summary>The <c>DeleteArtifactInput</c> type.</summary>
public sealed class DeleteArtifactInputType : InputObjectGraphType<DeleteArtifactInput>
{
    /// <summary>Declares the fields.</summary>
    public DeleteArtifactInputType()
    {
        Name = "DeleteArtifactInput";
        Field<NonNullGraphType<IdGraphType>>("id");
        Field(x => x.Reason);
    }
}

/// <summary>The <c>DeleteArtifactPayload</c> type.</summary>
public sealed class DeleteArtifactPayloadType() : PayloadType<Artifact, ArtifactType>("DeleteArtifactPayload", "artifact");

/// <summary>Mutations of the Artifacts feature; uploads are HTTP PUTs, not mutations.</summary>
public static class ArtifactMutations
{
    /// <summary>Adds deleteArtifact.</summary>
    public static void AddTo(ObjectGraphType mutation)
        => mutation.Field<NonNullGraphType<DeleteArtifactPayloadType>>("deleteArtifact")
            .Description("Deletes an artifact and its bytes (CONTRIBUTOR); IMMUTABLE once the version is or was in PRODUCTION.")
            .Argument<NonNullGraphType<DeleteArtifactInputType>>("input")
            .ResolveAsync(async c =>
            {
                var input = c.GetArgument<DeleteArtifactInput>("input");
                if (!IdArgument.TryDecode(input.Id, NodeTypes.Artifact, "id", out var artifactId, out var error))
                    return Payload<Artifact>.Fail(error!);
                var result = await c.RequestServices!.GetRequiredService<DeleteArtifact>().ExecuteAsync(
                    new DeleteArtifactCommand(artifactId, input.Reason), c.CancellationToken);
                return Payload<Artifact>.From(result);
            });
}
