using ModelRegistry.Bench.Query;

// Verbs: "generate" writes the synthetic registry, "load-postgres" copies it into a PostgreSQL database, "run" measures it against a running Api, "picture" measures one
// lineage picture against a running Api (any build, so two builds can be compared on the same data), "operations" runs
// the frontend operations of schema/operations against it.
var options = BenchOptions.Parse(args);
switch (options.Verb)
{
    case "generate":
        await RegistryGenerator.GenerateAsync(options.DataDirectory, Console.Out);
        return 0;
    case "load-postgres":
        await PostgresLoader.LoadAsync(options, Console.Out);
        return 0;
    case "run":
        return await QueryPowerRun.ExecuteAsync(options, Console.Out);
    case "picture":
        return await PictureRun.ExecuteAsync(options, Console.Out);
    case "operations":
        return await OperationsRun.ExecuteAsync(options, Console.Out);
    default:
        Console.Error.WriteLine(BenchOptions.Usage);
        return 2;
}
