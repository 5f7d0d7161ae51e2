using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using ModelRegistry.Core.Audit;
using ModelRegistry.Core.Audit.Events;
using ModelRegistry.Core.Common;
using ModelRegistry.Core.Deployments;
using ModelRegistry.Core.Governance;
using ModelRegistry.Core.Writes;

namespace ModelRegistry.Core.Monitoring;

/// <summary>Input of <see cref="ConfigureMonitoring"/>.</summary>
public sealed record ConfigureMonitoringCommand(
    long DeploymentId, string PrometheusUrl, string Selector, string FeatureHistogramMetric, string Window,
    double PsiWarning, double PsiDrift, int HealthyWindowsToResolve, IReadOnlyList<FeatureThreshold>? FeatureThresholds);

/// <summary>Creates or replaces a deployment's monitoring binding, on a Prometheus the host's policy allows.</summary>
public sealed partial class ConfigureMonitoring(RegistryWriter writer, PrometheusHostPolicy prometheusHosts)
{
    [GeneratedRegex("^[a-zA-Z_:][a-zA-Z0-9_:]*$", RegexOptions.CultureInvariant)]
    private static partial Regex MetricName();

    /// <summary>Runs the use case.</summary>
    public Task<Result<Deployment>> ExecuteAsync(ConfigureMonitoringCommand command, CancellationToken cancellationToken)
        => writer.ExecuteAsync<Deployment>(async w =>
        {
            var deployment = await w.Db.Deployments.Include(d => d.ModelVersion).ThenInclude(v => v!.Model)
                .FirstOrDefaultAsync(d => d.Id == command.DeploymentId, cancellationToken);
            var notFound = DomainError.NotFound("The deployment", "deploymentId");
            if (deployment is null)
                return notFound;
            if (await w.RequireAsync(Role.Deployer, AccessScope.Of(deployment.ModelVersion!.Model!), "configure monitoring of this model", notFound, cancellationToken) is { } denied)
                return denied;
            if (deployment.Status == DeploymentStatus.Retired)
                return DomainError.Invalid("A RETIRED deployment cannot be monitored.", "deploymentId");
            if ((Check(command) ?? prometheusHosts.Check(command.PrometheusUrl)) is { } error)
                return error;

            var binding = await w.Db.MonitoringBindings.FirstOrDefaultAsync(b => b.DeploymentId == deployment.Id, cancellationToken);
            if (binding is null)
            {
                binding = new MonitoringBinding { DeploymentId = deployment.Id };
                w.Db.MonitoringBindings.Add(binding);
            }
            binding.PrometheusUrl = command.PrometheusUrl.TrimEnd('/');
            binding.Selector = command.Selector.Trim();
            binding.FeatureHistogramMetric = command.FeatureHistogramMetric;
            binding.Window = command.Window;
            binding.PsiWarning = command.PsiWarning;
            binding.PsiDrift = command.PsiDrift;
            binding.HealthyWindowsToResolve = command.HealthyWindowsToResolve;
            binding.FeatureThresholds = [.. command.FeatureThresholds ?? []];
            binding.ConfiguredAt = w.Now;
            binding.ConfiguredBy = w.Actor;
            w.Audit(EventTypes.MonitoringConfigured, nameof(Deployment), deployment.Id, deployment.ModelVersion!.ModelId, new MonitoringConfigured(
                binding.PrometheusUrl, binding.Selector, binding.FeatureHistogramMetric, binding.Window,
                binding.PsiWarning, binding.PsiDrift, binding.HealthyWindowsToResolve, binding.FeatureThresholds));
            return deployment;
        }, cancellationToken);

    /// <summary>The first rule the binding breaks, or null.</summary>
    public static DomainError? Check(ConfigureMonitoringCommand c)
    {
        if (!Uri.TryCreate(c.PrometheusUrl, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https")
            || !string.IsNullOrEmpty(url.Query) || !string.IsNullOrEmpty(url.Fragment) || c.PrometheusUrl.Length > 2000)
            return DomainError.Invalid($"'prometheusUrl' must be an absolute http or https URL without query or fragment; '{c.PrometheusUrl}' is not.", "prometheusUrl");
        if (c.Selector.Length > 1000 || c.Selector.IndexOfAny(['{', '}', '\n']) >= 0)
            return DomainError.Invalid("'selector' holds label matchers without braces, e.g. deployment=\"fraud-prod\", at most 1000 characters.", "selector");
        if (!MetricName().IsMatch(c.FeatureHistogramMetric) || c.FeatureHistogramMetric.Length > 200)
            return DomainError.Invalid($"'featureHistogramMetric' must be a Prometheus metric name; '{c.FeatureHistogramMetric}' is not.", "featureHistogramMetric");
        if (!PrometheusDuration.TryParse(c.Window, out _))
            return DomainError.Invalid($"'window' must be a positive Prometheus duration such as 5m, 1h or 1d; '{c.Window}' is not.", "window");
        if (CheckThresholds(c.PsiWarning, c.PsiDrift, "psiWarning") is { } thresholds)
            return thresholds;
        if (c.HealthyWindowsToResolve is < 1 or > 1000)
            return DomainError.Invalid("'healthyWindowsToResolve' must be between 1 and 1000.", "healthyWindowsToResolve");
        var features = c.FeatureThresholds ?? [];
        if (features.Count > SetBaselineProfile.MaxFeatures)
            return DomainError.Invalid($"At most {SetBaselineProfile.MaxFeatures} feature threshold overrides are allowed; {features.Count} were given.", "featureThresholds");
        if (features.Select(f => f.Feature).Distinct(StringComparer.Ordinal).Count() != features.Count)
            return DomainError.Invalid("Each feature may have one threshold override.", "featureThresholds");
        return features
            .Select((f, i) => Rules.CheckRequired(f.Feature, $"featureThresholds[{i}].feature", 200)
                              ?? CheckThresholds(f.PsiWarning, f.PsiDrift, $"featureThresholds[{i}].psiWarning"))
            .FirstOrDefault(e => e is not null);
    }

    private static DomainError? CheckThresholds(double warning, double drift, string field)
        => double.IsFinite(warning) && double.IsFinite(drift) && warning > 0 && warning < drift
            ? null
            : DomainError.Invalid($"The PSI thresholds must satisfy 0 < warning < drift; got warning {warning} and drift {drift}.", field);
}
