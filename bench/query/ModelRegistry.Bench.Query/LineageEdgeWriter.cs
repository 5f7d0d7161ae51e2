using Microsoft.Data.Sqlite;

namespace ModelRegistry.Bench.Query;

/// <summary>Writes exactly <see cref="RegistryShape.LineageEdges"/> live edges of the four relations the bench walks.</summary>
/// <remarks>
/// FINE_TUNED_FROM links each family's 100 versions in id order (step 1) and again with step 2, so a downstream walk
/// from a family root branches and meets the same version at several hops: the case the walk's UNION guard is for.
/// TRAINED_ON takes whatever is left of the million after the other three relations.
/// </remarks>
public static class LineageEdgeWriter
{
    /// <summary>Inserts the edges and returns how many were written.</summary>
    public static long Insert(SqliteConnection connection, SqliteTransaction transaction, Random random)
    {
        using var edges = RegistryGenerator.Prepare(connection, transaction, "LineageEdges",
            "SourceKind", "SourceId", "TargetKind", "TargetId", "Relation", "CreatedAt", "CreatedBy", "ValidFrom");
        var created = RegistryGenerator.StampAfter(0);
        long written = 0;
        void Edge(string sourceKind, long sourceId, string targetKind, long targetId, string relation)
        {
            RegistryGenerator.Run(edges, sourceKind, sourceId, targetKind, targetId, relation, created, "bench", created);
            written++;
        }

        for (long v = 1; v <= RegistryShape.Versions; v++)
        {
            var position = (v - 1) % RegistryShape.VersionsPerFamily;
            if (position + 1 < RegistryShape.VersionsPerFamily)
                Edge("ModelVersion", v, "ModelVersion", v + 1, "FineTunedFrom");
            if (position + 2 < RegistryShape.VersionsPerFamily)
                Edge("ModelVersion", v, "ModelVersion", v + 2, "FineTunedFrom");
            Edge("ModelVersion", v, "Deployment", v, "DeployedAs");
            var firstConsumer = random.Next(RegistryShape.Consumers);
            for (var c = 0; c < RegistryShape.ConsumersPerDeployment; c++)
                Edge("Deployment", v, "ConsumerApplication", (firstConsumer + c * 37) % RegistryShape.Consumers + 1, "ConsumedBy");
        }

        var trainedOn = RegistryShape.LineageEdges - written;
        var perVersion = trainedOn / RegistryShape.Versions;
        var extra = trainedOn % RegistryShape.Versions;
        for (long v = 1; v <= RegistryShape.Versions; v++)
        {
            var count = perVersion + (v <= extra ? 1 : 0);
            var start = random.Next(RegistryShape.DatasetVersions);
            for (var k = 0; k < count; k++)
                Edge("DatasetVersion", (start + k * 101) % RegistryShape.DatasetVersions + 1, "ModelVersion", v, "TrainedOn");
        }
        return written;
    }
}
