using Hangfire.Dashboard;
using ModelRegistry.Core.Governance;

namespace ModelRegistry.Api.Jobs;

/// <summary>
/// Lets only global ADMINs into the Hangfire dashboard, judged on the principal the registry's own authentication set for
/// the request (API key, bearer token, or the cookie of /hangfire/sign-in). Anonymous callers are refused here too, even where anonymous reads are allowed.
/// Hangfire answers a refusal with 401 when the request carried no identity and 403 otherwise.
/// </summary>
public sealed class AdminDashboardAuthorizationFilter : IDashboardAsyncAuthorizationFilter
{
    /// <inheritdoc />
    public async Task<bool> AuthorizeAsync(DashboardContext context)
    {
        var http = context.GetHttpContext();
        var access = http.RequestServices.GetRequiredService<AccessControl>();
        return access.Principal.IsAuthenticated && await access.HasAsync(Role.Admin, AccessScope.Registry, http.RequestAborted);
    }
}
