using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;
using ModelRegistry.Api.Auth;

namespace ModelRegistry.Api.Jobs;

/// <summary>
/// The Hangfire dashboard's sign-in cookie. It holds no key: it is a Data Protection-protected, time-limited ticket naming
/// the key it was exchanged for, so it cannot be forged or read, it expires on its own, and revoking that key (or the
/// ADMIN grant, which the dashboard checks on every request) ends it.
/// </summary>
public sealed class DashboardSession(IDataProtectionProvider provider, JobSettings settings)
{
    /// <summary>The cookie's name.</summary>
    public const string CookieName = "registry-dashboard";

    private readonly ITimeLimitedDataProtector protector =
        provider.CreateProtector("ModelRegistry.Jobs.DashboardSession.v1").ToTimeLimitedDataProtector();

    /// <summary>How long a sign-in lasts.</summary>
    public TimeSpan Lifetime => TimeSpan.FromMinutes(Math.Clamp(settings.DashboardSessionMinutes, 1, 60));

    /// <summary>Whether <paramref name="request"/> is for a dashboard page (not the sign-in itself) and carries the cookie.</summary>
    public static bool Carries(HttpRequest request)
        => request.Path.StartsWithSegments(JobServiceExtensions.DashboardPath)
           && !request.Path.StartsWithSegments(DashboardSignIn.Path)
           && request.Cookies.ContainsKey(CookieName);

    /// <summary>Sets the cookie for <paramref name="key"/>: HttpOnly, SameSite=Strict, Secure over https, only sent to the dashboard.</summary>
    public void SignIn(HttpContext http, VerifiedApiKey key)
    {
        var value = protector.Protect(JsonSerializer.Serialize(key), DateTimeOffset.UtcNow + Lifetime);
        http.Response.Cookies.Append(CookieName, value, new CookieOptions
        {
            HttpOnly = true,
            SameSite = SameSiteMode.Strict,
            Secure = http.Request.IsHttps,
            Path = http.Request.PathBase + JobServiceExtensions.DashboardPath,
            MaxAge = Lifetime,
            IsEssential = true,
        });
    }

    /// <summary>The key the request's cookie was exchanged for; null when it is missing, expired, tampered with or from another key ring.</summary>
    public VerifiedApiKey? Read(HttpRequest request)
    {
        if (!request.Cookies.TryGetValue(CookieName, out var value) || string.IsNullOrEmpty(value))
            return null;
        try
        {
            return JsonSerializer.Deserialize<VerifiedApiKey>(protector.Unprotect(value, out _));
        }
        catch (Exception e) when (e is CryptographicException or JsonException or FormatException)
        {
            return null;
        }
    }
}
