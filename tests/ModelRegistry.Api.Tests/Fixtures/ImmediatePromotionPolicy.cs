using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ModelRegistry.Core.Governance;
using ModelRegistry.Core.Versions;
using ModelRegistry.Infrastructure.Persistence;

namespace ModelRegistry.Api.Tests.Fixtures;

/// <summary>
/// A global PRODUCTION rule needing no approvals, written straight into the database of a test host, so suites whose
/// subject is not approvals can promote to PRODUCTION in one step. The default (one approval) is asserted elsewhere.
/// </summary>
public static class ImmediatePromotionPolicy
{
    /// <summary>Who the rule names as its author.</summary>
    public const string Author = "api-tests";

    /// <summary>Inserts (or resets) the rule in the host's database.</summary>
    public static async Task ApplyAsync(IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<ReadVisibilityHolder>().ForSystem();
        var db = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
        var rule = await db.PromotionPolicyRules.FirstOrDefaultAsync(r => r.Scope == AccessScope.Global && r.TargetStage == ModelStage.Production);
        if (rule is null)
        {
            rule = new PromotionPolicyRule { Scope = AccessScope.Global, TargetStage = ModelStage.Production };
            db.PromotionPolicyRules.Add(rule);
        }
        rule.RequiredApprovals = 0;
        rule.RequireTrainingData = false;
        rule.MetricName = null;
        rule.MetricMinimum = null;
        rule.UpdatedAt = DateTime.UtcNow;
        rule.UpdatedBy = Author;
        await db.SaveChangesAsync();
    }
}
