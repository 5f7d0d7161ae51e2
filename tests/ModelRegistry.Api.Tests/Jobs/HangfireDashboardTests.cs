using System.Net;
using ModelRegistry.Api.Tests.Reports;

namespace ModelRegistry.Api.Tests.Jobs;

/// <summary>The Hangfire dashboard at /hangfire opens for registry ADMINs only.</summary>
public sealed class HangfireDashboardTests(GovernedRegistryFactory factory) : IClassFixture<GovernedRegistryFactory>
{
    [Fact]
    public async Task The_bootstrap_admin_key_opens_the_dashboard_with_200()
    {
        using var response = await factory.ClientWithKey(GovernedRegistryFactory.AdminKey).GetAsync("/hangfire");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Model Registry jobs", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_admin_sees_the_nightly_audit_verification_among_the_recurring_jobs()
    {
        using var response = await factory.ClientWithKey(GovernedRegistryFactory.AdminKey).GetAsync("/hangfire/recurring");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("audit-verification", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Without_credentials_the_dashboard_answers_401_even_where_anonymous_reads_are_allowed()
    {
        using var response = await factory.ClientWithKey(null).GetAsync("/hangfire");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task A_viewer_key_is_refused_with_403()
    {
        var key = await factory.KeyWithRoleAsync("dashboard-viewer", "VIEWER", "global");

        using var response = await factory.ClientWithKey(key).GetAsync("/hangfire");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }
}
