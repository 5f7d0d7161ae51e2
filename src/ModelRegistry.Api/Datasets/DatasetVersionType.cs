using GraphQL.Types;
using Microsoft.EntityFrameworkCore;
using ModelRegistry.Api.Common;
using ModelRegistry.Api.Versions;
using ModelRegistry.Core.Datasets;
using ModelRegistry.Core.Lineage;
using ModelRegistry.Core.Versions;
using ModelRegistry.GraphQL.Limits;
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
            .Sliced()
            .Resolve(c =>
            {
                // The slice is taken in SQL, per dataset version, so a dataset feeding thousands of versions reads only `first` of them.
                var first = c.SliceSize();
                return c.LoadMany($"datasetVersion.usedBy:{first}", c.Source.Id, async (db, ids, ct) =>
                    // One version can be fed through each of the three relations, so three times the slice always holds
                    // `first` distinct versions; the duplicates go in memory.
                    (await SqlSlices.TopPerKeyAsync(ids, first, id =>
                            from e in db.LineageEdges
                            join v in db.ModelVersions on e.TargetId equals v.Id
                            where e.SourceId == id && e.ValidTo == null && e.SourceKind == LineageNodeKind.DatasetVersion
                                  && e.TargetKind == LineageNodeKind.ModelVersion && LineageRules.DataToVersion.Contains(e.Relation)
                            orderby v.Id
                            select new SqlSlices.Row<ModelVersion> { Key = id, Value = v },
                        first * LineageRules.DataToVersion.Length, ct))
                    .DistinctBy(x => (x.Key, x.Value.Id))
                    .GroupBy(x => x.Key)
                    .SelectMany(g => g.Take(first))
                    .ToList());
            });
    }
}
