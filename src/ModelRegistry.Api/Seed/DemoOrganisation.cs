using ModelRegistry.Api.Extensions;
using ModelRegistry.Core.Common;
using ModelRegistry.Core.Datasets;
using ModelRegistry.Core.Deployments;
using ModelRegistry.Core.Governance;
using ModelRegistry.Core.Lineage;
using ModelRegistry.Core.Models;
using ModelRegistry.Core.Promotions;
using ModelRegistry.Core.Versions;

namespace ModelRegistry.Api.Seed;

/// <summary>
/// A sample organisation for a first run: a pharma drug-discovery group whose toxicity classifier (AUC 0.92, trained on
/// a versioned assay dataset) feeds a repurposing team's fine-tuned ranker, plus other teams' fraud and churn models.
/// Everything goes through the use cases, so the audit trail is as real as the data.
/// </summary>
public sealed class DemoOrganisation(IServiceProvider services)
{
    private T Use<T>() where T : notnull => services.GetRequiredService<T>();

    /// <summary>Loads the organisation into an empty registry.</summary>
    public async Task LoadAsync(CancellationToken ct)
    {
        services.GetRequiredService<RequestPrincipal>().Principal = RegistryPrincipal.SystemNamed("registry-seed");

        var tox21 = await DatasetAsync("tox21-assays", "Tox21 high-throughput toxicity assays, curated by the chem-safety team.", "chem-safety", ct);
        var tox21March = await DatasetVersionAsync(tox21, "2026.03", 11_764, "a3f1c2d4e5b6978812ab34cd56ef7890a1b2c3d4e5f60718293a4b5c6d7e8f90", ct);
        var tox21June = await DatasetVersionAsync(tox21, "2026.06", 12_707, "b4e2d3c5f6a7089923bc45de67f08901b2c3d4e5f6a70819203b4c5d6e7f8091", ct);
        var chembl = await DatasetAsync("chembl-bioactivity", "Bioactivity records used as auxiliary training signal.", "chem-safety", ct);
        var chemblV34 = await DatasetVersionAsync(chembl, "v34", 2_431_025, null, ct);
        var hub = await DatasetAsync("repurposing-hub-compounds", "Approved and clinical-stage compounds screened for new indications.", "repurposing", ct);
        var hubMay = await DatasetVersionAsync(hub, "2026-05", 6_798, null, ct);
        var cards = await DatasetAsync("card-transactions", "Labelled card transactions.", "payments-risk", ct);
        var cardsQ2 = await DatasetVersionAsync(cards, "2026-q2", 48_200_000, null, ct);

        var tox = await ModelAsync("toxicity-classifier", "Toxicity classifier", ModelTask.Classification, "chem-safety",
            ["toxicity", "admet", "gnn"], "Flags likely toxic compounds before wet-lab screening, cutting assay spend.", ct);
        var toxV1 = await VersionAsync(tox, "Baseline graph network.", new Dictionary<string, double> { ["auc"] = 0.88, ["f1"] = 0.74 },
            [tox21March.Id], """{"layers":4,"hidden":128,"dropout":0.1,"learningRate":0.001}""", "a1b2c3d", ct);
        var toxV2 = await VersionAsync(tox, "Deeper network with ChEMBL pre-training.", new Dictionary<string, double> { ["auc"] = 0.92, ["f1"] = 0.81 },
            [tox21June.Id, chemblV34.Id], """{"layers":5,"hidden":256,"dropout":0.2,"learningRate":0.0005}""", "9f8e7d6", ct);
        await PromoteAsync(toxV1, ModelStage.Staging, "Validation run on the 2026.03 hold-out set.", ct);
        await PromoteAsync(toxV1, ModelStage.Archived, "Superseded by version 2.", ct);
        await PromoteAsync(toxV2, ModelStage.Staging, "Hold-out AUC 0.92 on Tox21 2026.06.", ct);
        await PromoteAsync(toxV2, ModelStage.Production, "Independent validation signed off by model risk.", ct);
        Check(await Use<SetModelAlias>().ExecuteAsync(new SetModelAliasCommand(tox.Id, "champion", toxV2.Id, "Production model"), ct));

        var ranker = await ModelAsync("drug-repurposing-ranker", "Drug repurposing ranker", ModelTask.Ranking, "repurposing",
            ["repurposing", "ranking", "toxicity"], "Ranks approved compounds for new indications, screening out toxic candidates.", ct);
        var rankerV1 = await VersionAsync(ranker, "Fine-tuned from the toxicity classifier's encoder.", new Dictionary<string, double> { ["ndcg@10"] = 0.71 },
            [hubMay.Id], """{"baseModel":"toxicity-classifier:2","epochs":12}""", "4c5d6e7", ct);
        Check(await Use<AddLineageEdge>().ExecuteAsync(new AddLineageEdgeCommand(
            LineageNodeKind.ModelVersion, toxV2.Id, LineageNodeKind.ModelVersion, rankerV1.Id, LineageRelation.FineTunedFrom), ct));
        await PromoteAsync(rankerV1, ModelStage.Staging, "Ready for the repurposing team's review.", ct);

        var fraud = await ModelAsync("fraud-detector", "Card fraud detector", ModelTask.Classification, "payments-risk",
            ["fraud", "payments"], "Scores card transactions in real time.", ct);
        var fraudV1 = await VersionAsync(fraud, "Gradient-boosted trees.", new Dictionary<string, double> { ["auc"] = 0.95, ["recall@1%fpr"] = 0.62 },
            [cardsQ2.Id], """{"trees":800,"maxDepth":8}""", "e1f2a3b", ct);
        await PromoteAsync(fraudV1, ModelStage.Staging, "Shadow run passed.", ct);
        await PromoteAsync(fraudV1, ModelStage.Production, "Approved by payments risk.", ct);

        var churn = await ModelAsync("churn-predictor", "Churn predictor", ModelTask.Classification, "customer-analytics",
            ["churn", "retention"], "Predicts subscription churn for retention campaigns.", ct);
        await VersionAsync(churn, "First logistic baseline.", new Dictionary<string, double> { ["auc"] = 0.79 }, [], """{"c":0.5}""", "0a1b2c3", ct);

        await DeployAsync(toxV2, "production", "https://ml.pharma.example/toxicity/v2", "kserve", 100, ["compound-screening-portal", "lab-notebook-plugin"], ct);
        await DeployAsync(rankerV1, "staging", "https://ml-staging.pharma.example/repurposing/v1", "kserve", 100, ["repurposing-dashboard"], ct);
        await DeployAsync(fraudV1, "production", "https://ml.payments.example/fraud", "sagemaker", 100, ["payments-gateway"], ct);
    }

    private async Task<Dataset> DatasetAsync(string name, string description, string owner, CancellationToken ct)
        => Check(await Use<RegisterDataset>().ExecuteAsync(new RegisterDatasetCommand(name, description, owner), ct));

    private async Task<DatasetVersion> DatasetVersionAsync(Dataset dataset, string label, long rows, string? sha, CancellationToken ct)
        => Check(await Use<CreateDatasetVersion>().ExecuteAsync(
            new CreateDatasetVersionCommand(dataset.Id, label, $"s3://datasets/{dataset.Name}/{label}/", sha, rows), ct));

    private async Task<Model> ModelAsync(string name, string display, ModelTask task, string owner, string[] tags, string context, CancellationToken ct)
        => Check(await Use<RegisterModel>().ExecuteAsync(new RegisterModelCommand(name, display, null, task, owner, tags, context), ct));

    private async Task<ModelVersion> VersionAsync(Model model, string description, Dictionary<string, double> metrics, long[] trainedOn,
        string hyperparameters, string commit, CancellationToken ct)
        => Check(await Use<CreateModelVersion>().ExecuteAsync(new CreateModelVersionCommand(
            model.Id, description, "pytorch 2.4", hyperparameters, """{"seed":42}""",
            metrics.Select(m => new MetricDraft(m.Key, m.Value, "test", trainedOn.Length > 0 ? trainedOn[0] : null)).ToList(),
            ["demo"], new SourceCodeRef { Repository = $"https://git.example/{model.Owner}/{model.Name}", Commit = commit, Path = "train.py" },
            trainedOn), ct));

    // Where the stage's policy wants an approval, an independent model-risk reviewer gives it, as in a real organisation.
    private async Task PromoteAsync(ModelVersion version, ModelStage stage, string reason, CancellationToken ct)
    {
        var outcome = Check(await Use<PromoteModelVersion>().ExecuteAsync(new PromoteModelVersionCommand(version.Id, stage, reason), ct));
        if (outcome.Request.Status != PromotionStatus.Pending)
            return;
        var principal = services.GetRequiredService<RequestPrincipal>();
        var requester = principal.Principal;
        principal.Principal = RegistryPrincipal.SystemNamed("model-risk-office");
        Check(await Use<DecidePromotion>().ExecuteAsync(
            new DecidePromotionCommand(outcome.Request.Id, PromotionDecision.Approve, "Independent validation reviewed (SR 11-7)."), ct));
        principal.Principal = requester;
    }

    private async Task DeployAsync(ModelVersion version, string environment, string endpoint, string platform, int traffic, string[] consumers, CancellationToken ct)
        => Check(await Use<RecordDeployment>().ExecuteAsync(new RecordDeploymentCommand(version.Id, environment, endpoint, platform, traffic, consumers), ct));

    private static T Check<T>(Result<T> result)
        => result.IsSuccess ? result.Value! : throw new InvalidOperationException($"Demo seed refused: {result.Error!.Code} {result.Error.Message}");
}
