using GraphQL.Types;
using Microsoft.EntityFrameworkCore;
using ModelRegistry.Api.Common;
using ModelRegistry.Api.Versions;
using ModelRegistry.Core.Datasets;
using ModelRegistry.Core.Lineage;
using ModelRegistry.GraphQL.Relay;

namespace ModelRegistry.Api.Datasets;

/// <summary>The <c>DatasetVersion</c> node.</summary>
public sealed class DatasetVersionType : ObjectGraphType<DatasetVersion>
{
    /// <summary>Declares the fields.</summary>
    public DatasetVersionType()
    {
        Name = "DatasetVersion";
        Interface<NodeInterfaceType>();
        Description = "An immutable snapshot of a dataset.";
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(c => GlobalId.Encode(NodeTypes.DatasetVersion, c.Source.Id));
        Field<NonNullGraphType<DatasetType>>("dataset")
            .Resolve(c => c.LoadById<Dataset>(c.Source.DatasetId));
        Field(v => v.Version);
        Field(v => v.Uri, nullable: true);
        Field(v => v.Sha256, nullable: true);
        Field<LongGraphType>("rowCount").Resolve(c => c.Source.RowCount);
        Field<NonNullGraphType<DateTimeGraphType>>("createdAt").Resolve(c => c.Source.CreatedAt);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ModelVersionType>>>>("usedBy")
            .Description("Model versions fed by this dataset version through live TRAINED_ON, VALIDATED_ON or EVALUATED_ON edges.")
            .Resolve(c => c.LoadMany("datasetVersion.usedBy", c.Source.Id, async (db, ids, ct) =>
                (await (from e in db.LineageEdges
                        join v in db.ModelVersions on e.TargetId equals v.Id
                        where e.ValidTo == null && e.SourceKind == LineageNodeKind.DatasetVersion && e.TargetKind == LineageNodeKind.ModelVersion
                              && LineageRules.DataToVersion.Contains(e.Relation) && ids.Contains(e.SourceId)
                        select new { e.SourceId, v }).AsNoTracking().ToListAsync(ct))
                    .DistinctBy(x => (x.SourceId, x.v.Id))
                    .OrderBy(x => x.v.Id)
                    .Select(x => (x.SourceId, x.v)).ToList()));
    }
}
