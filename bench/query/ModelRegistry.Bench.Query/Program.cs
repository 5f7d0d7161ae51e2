using ModelRegistry.Bench.Query;

// Two verbs: "generate" writes the synthetic registry, "run" measures it against a running Api.
var options = BenchOptions.Parse(args);
switch (options.Verb)
{
    case "generate":
        await RegistryGenerator.GenerateAsync(options.DataDirectory, Console.Out);
        return 0;
    case "run":
        return await QueryPowerRun.ExecuteAsync(options, Console.Out);
    default:
        Console.Error.WriteLine(BenchOptions.Usage);
        return 2;
}
