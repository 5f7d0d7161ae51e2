namespace ModelRegistry.Cli;

/// <summary>The process entry point of the <c>modelreg</c> tool; namespaced so it never clashes with the Api's Program.</summary>
internal static class Program
{
    private static Task<int> Main(string[] args) => CliApplication.RunAsync(args, CliHost.FromProcess());
}
