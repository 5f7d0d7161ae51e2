using ModelRegistry.Core.Audit.Events;

namespace ModelRegistry.Core.Tests.Audit;

/// <summary>
/// Payloads as the write path stored them before the typed records existed (anonymous objects) read into the records, and
/// the records write the same property names, so readers and webhook receivers see one shape across old and new events.
/// </summary>
public class ChainedEventShapeTests
{
    [Fact]
    public void An_old_VERSION_CREATED_payload_reads_with_its_metrics_and_no_claim_to_carry_the_state()
    {
        var created = ChainedEventJson.Read<VersionCreated>("""{"model":"m","number":3,"trainedOn":[7],"metrics":[{"name":"auc","value":0.92,"split":"test"}]}""");

        Assert.NotNull(created);
        Assert.Equal((3, 7L), (created.Number, created.TrainedOn.Single()));
        Assert.Equal(new ChainedMetric("auc", 0.92, "test"), created.Metrics.Single());
        Assert.Null(created.Edges);
        Assert.Null(created.Hyperparameters);
    }

    [Fact]
    public void Old_payloads_of_every_state_changing_event_read_into_their_records()
    {
        Assert.Equal("STAGING", ChainedEventJson.Read<StageChanged>("""{"model":"m","version":1,"from":"DEVELOPMENT","to":"STAGING","promotionRequestId":null}""")!.To);
        Assert.Equal(5L, ChainedEventJson.Read<AliasSet>("""{"model":"m","alias":"prod","version":2,"modelVersionId":5,"previousModelVersionId":null}""")!.ModelVersionId);
        Assert.Equal(20, ChainedEventJson.Read<DeploymentRecorded>("""{"model":"m","version":1,"environment":"production","endpoint":null,"platform":null,"trafficPercent":20,"consumers":[]}""")!.TrafficPercent);
        Assert.Equal("RETIRED", ChainedEventJson.Read<DeploymentUpdated>("""{"from":"ACTIVE","to":"RETIRED","trafficPercent":0,"environment":"production"}""")!.To);
        Assert.Equal("ModelVersion:4", ChainedEventJson.Read<LineageEdgeAdded>("""{"relation":"TRAINED_ON","source":"DatasetVersion:2","target":"ModelVersion:4"}""")!.Target);
        Assert.Null(ChainedEventJson.Read<LineageEdgeClosed>("""{"relation":"TRAINED_ON","validTo":"2026-11-28T12:00:00Z"}""")!.Source);
        Assert.Equal("APPROVER", ChainedEventJson.Read<RoleChanged>("""{"principal":"p","role":"APPROVER","scope":"global"}""")!.Role);
        Assert.Equal(0.9, ChainedEventJson.Read<PromotionPolicySet>("""{"scope":"global","targetStage":"PRODUCTION","requiredApprovals":1,"requireTrainingData":false,"metricName":"auc","metricMinimum":0.9}""")!.MetricMinimum);
        Assert.Equal("new", ChainedEventJson.Read<ModelUpdated>("""{"description":"new"}""")!.Description);
        Assert.Null(ChainedEventJson.Read<PromotionDecided>("""{"model":"m","version":1,"approvals":1,"requiredApprovals":1}""")!.ApproverKind);
    }

    [Fact]
    public void Records_write_the_property_names_events_have_always_had_and_leave_out_added_fields_that_are_unset()
    {
        var json = ChainedEventJson.Write(new AliasSet("m", "prod", 2, 5, null));

        Assert.Equal("""{"model":"m","alias":"prod","version":2,"modelVersionId":5,"previousModelVersionId":null}""", json);
    }

    [Fact]
    public void A_payload_that_is_not_such_an_object_reads_as_nothing_rather_than_failing_the_reader()
        => Assert.Null(ChainedEventJson.Read<StageChanged>("""{"to":42}"""));
}
