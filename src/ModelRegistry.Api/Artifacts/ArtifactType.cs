using GraphQL.Types;
using Microsoft.EntityFrameworkCore;
using ModelRegistry.Api.Common;
using ModelRegistry.Api.Extensions;
using ModelRegistry.Api.Versions;
using ModelRegistry.Core.Artifacts;
using ModelRegistry.Core.Versions;
using ModelRegistry.GraphQL.Limits;
using ModelRegistry.GraphQL.Relay;

namespace ModelRegistry.Api.Artifacts;

/// <summary>The <c>Artifact</c> node.</summary>
public sealed class ArtifactType : ObjectGraphType<Artifact>
{
    /// <summary>Declares the fields.</summary>
    public ArtifactType()
    {
        Name = "Artifact";
        Interface<NodeInterfaceType>();
        Description = "A file of a model version. Bytes go up through PUT /artifacts/{modelVersionId}/{fileName} and down through downloadUrl.";
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(c => GlobalId.Encode(NodeTypes.Artifact, c.Source.Id));
        Field(a => a.Name).Description("File name, unique within the version.");
        Field<NonNullGraphType<LongGraphType>>("sizeBytes").Resolve(c => c.Source.SizeBytes);
        Field(a => a.Sha256).Description("SHA-256 of the bytes in lower-case hex, computed by the registry while storing them.");
        Field(a => a.ContentType, nullable: true).Description("The media type the uploader declared.");
        Field<NonNullGraphType<DateTimeGraphType>>("uploadedAt").Resolve(c => c.Source.UploadedAt);
        Field(a => a.UploadedBy);
        Field<NonNullGraphType<ModelVersionType>>("modelVersion").Resolve(c => c.LoadById<ModelVersion>(c.Source.ModelVersionId));
        Field<NonNullGraphType<StringGraphType>>("downloadUrl")
            .Description("A root-relative URL, signed for the caller, that serves the bytes (with Range support) until it expires; "
                         + "every download through it is audited as ARTIFACT_DOWNLOADED.")
            .Resolve(c => c.RequestServices!.GetRequiredService<ArtifactUrlSigner>()
                .Sign(c.Source.Id, c.RequestServices!.GetRequiredService<RequestPrincipal>().Principal.Name));
    }

    /// <summary>Adds <c>artifacts</c> to the ModelVersion type, loaded in one batch per level.</summary>
    public static void AddTo(ObjectGraphType<ModelVersion> version)
        => version.Field<NonNullGraphType<ListGraphType<NonNullGraphType<ArtifactType>>>>("artifacts")
            .Description("The version's files, by name.")
            .Sliced()
            .Resolve(c => c.Slice(c.LoadMany("version.artifacts", c.Source.Id, async (db, ids, ct) =>
                (await db.Artifacts.AsNoTracking().Where(a => ids.Contains(a.ModelVersionId)).OrderBy(a => a.Name).ToListAsync(ct))
                    .Select(a => (a.ModelVersionId, a)).ToList())));
}
