using Microsoft.Extensions.Configuration.Memory;

namespace ModelRegistry.Api.Extensions;

/// <summary>Log levels the registry chooses for itself, below every configuration the operator gives.</summary>
public static class LoggingDefaults
{
    /// <summary>EF Core's category for executed SQL commands.</summary>
    public const string SqlCommandCategory = "Microsoft.EntityFrameworkCore.Database.Command";

    /// <summary>
    /// Quiets EF Core's per-statement log (Information by default: tens of thousands of lines an hour in Development) to
    /// Warning, so failed and slow-to-fail commands still show. The default is a configuration source inserted first, so
    /// <c>Logging__LogLevel__Microsoft.EntityFrameworkCore.Database.Command=Information</c> in the environment, appsettings or
    /// on the command line turns the statements back on the usual way.
    /// </summary>
    public static WebApplicationBuilder AddRegistryLoggingDefaults(this WebApplicationBuilder builder)
    {
        builder.Configuration.Sources.Insert(0, new MemoryConfigurationSource
        {
            InitialData = [new($"Logging:LogLevel:{SqlCommandCategory}", nameof(LogLevel.Warning))],
        });
        return builder;
    }
}
