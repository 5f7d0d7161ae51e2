using YamlDotNet.RepresentationModel;

namespace ModelRegistry.Api.Tests.Deployment;

/// <summary>A port a compose service publishes: host address (empty for all), host port and container port.</summary>
public sealed record PublishedPort(string HostAddress, int HostPort, int ContainerPort);

/// <summary>A volume mounted into a compose service: its source (volume name or host path) and target path.</summary>
public sealed record ServiceMount(string Source, string Target);

/// <summary>A docker-compose.yml read with YamlDotNet, accepting both the short and the long compose syntaxes.</summary>
public sealed class ComposeDocument
{
    private readonly YamlMappingNode root;

    private ComposeDocument(YamlMappingNode root) => this.root = root;

    /// <summary>Parses compose YAML text.</summary>
    public static ComposeDocument Parse(string text)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(text));
        return new ComposeDocument((YamlMappingNode)stream.Documents[0].RootNode);
    }

    /// <summary>Names of the services the file defines.</summary>
    public IReadOnlyList<string> ServiceNames => Mapping(root, "services")?.Children.Keys.Select(Text).ToList() ?? [];

    /// <summary>Names of the top-level named volumes.</summary>
    public IReadOnlyList<string> VolumeNames => Mapping(root, "volumes")?.Children.Keys.Select(Text).ToList() ?? [];

    /// <summary>The definition of one service.</summary>
    public YamlMappingNode Service(string name) =>
        Mapping(Mapping(root, "services") ?? throw new InvalidOperationException("no services"), name)
        ?? throw new InvalidOperationException($"no service '{name}'");

    /// <summary>A scalar value at a path of keys below a node, or null when absent.</summary>
    public static string? Scalar(YamlMappingNode node, params string[] path)
    {
        YamlNode? current = node;
        foreach (var key in path)
        {
            current = current is YamlMappingNode mapping && mapping.Children.TryGetValue(new YamlScalarNode(key), out var child) ? child : null;
        }

        return (current as YamlScalarNode)?.Value;
    }

    /// <summary>The service's environment, from either a mapping or a list of KEY=value items.</summary>
    public IReadOnlyDictionary<string, string> Environment(string service)
    {
        var environment = new Dictionary<string, string>(StringComparer.Ordinal);
        switch (Node(Service(service), "environment"))
        {
            case YamlMappingNode mapping:
                foreach (var (key, value) in mapping.Children)
                {
                    environment[Text(key)] = (value as YamlScalarNode)?.Value ?? string.Empty;
                }

                break;
            case YamlSequenceNode sequence:
                foreach (var item in sequence.Children.Select(Text))
                {
                    var equals = item.IndexOf('=', StringComparison.Ordinal);
                    environment[equals < 0 ? item : item[..equals]] = equals < 0 ? string.Empty : item[(equals + 1)..];
                }

                break;
        }

        return environment;
    }

    /// <summary>The ports the service publishes, from "[address:]host:container[/protocol]" items or long-syntax mappings.</summary>
    public IReadOnlyList<PublishedPort> Ports(string service) =>
        Items(Service(service), "ports").Select(item => item switch
        {
            YamlMappingNode mapping => new PublishedPort(
                Scalar(mapping, "host_ip") ?? string.Empty,
                ParsePort(Scalar(mapping, "published") ?? "0"),
                ParsePort(Scalar(mapping, "target") ?? "0")),
            _ => ParseShortPort(Text(item)),
        }).ToList();

    /// <summary>The volumes mounted into the service, from "source:target[:mode]" items or long-syntax mappings.</summary>
    public IReadOnlyList<ServiceMount> Mounts(string service) =>
        Items(Service(service), "volumes").Select(item => item switch
        {
            YamlMappingNode mapping => new ServiceMount(Scalar(mapping, "source") ?? string.Empty, Scalar(mapping, "target") ?? string.Empty),
            _ => Text(item).Split(':') is [var source, var target, ..] ? new ServiceMount(source, target) : new ServiceMount(string.Empty, Text(item)),
        }).ToList();

    /// <summary>The profiles a service belongs to; none means it starts with every `docker compose up`.</summary>
    public IReadOnlyList<string> Profiles(string service) => Items(Service(service), "profiles").Select(Text).ToList();

    /// <summary>The services a service depends on, with their condition (`service_started` for the short list form).</summary>
    public IReadOnlyDictionary<string, string> DependsOn(string service) => Node(Service(service), "depends_on") switch
    {
        YamlSequenceNode sequence => sequence.Children.Select(Text).ToDictionary(name => name, _ => "service_started", StringComparer.Ordinal),
        YamlMappingNode mapping => mapping.Children.ToDictionary(
            entry => Text(entry.Key),
            entry => (entry.Value as YamlMappingNode) is { } condition ? Scalar(condition, "condition") ?? "service_started" : "service_started",
            StringComparer.Ordinal),
        _ => new Dictionary<string, string>(StringComparer.Ordinal),
    };

    /// <summary>The service's health check command joined into one string ("CMD" and "CMD-SHELL" markers dropped).</summary>
    public string HealthCheck(string service) => Node(Service(service), "healthcheck") is YamlMappingNode check
        ? Node(check, "test") switch
        {
            YamlSequenceNode sequence => string.Join(' ', sequence.Children.Select(Text).Where(part => part is not ("CMD" or "CMD-SHELL"))),
            YamlScalarNode scalar => scalar.Value ?? string.Empty,
            _ => string.Empty,
        }
        : string.Empty;

    private static PublishedPort ParseShortPort(string text)
    {
        var parts = text.Split('/')[0].Split(':');
        return parts.Length switch
        {
            1 => new PublishedPort(string.Empty, 0, ParsePort(parts[0])),
            2 => new PublishedPort(string.Empty, ParsePort(parts[0]), ParsePort(parts[1])),
            _ => new PublishedPort(string.Join(':', parts[..^2]), ParsePort(parts[^2]), ParsePort(parts[^1])),
        };
    }

    private static int ParsePort(string text) =>
        int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var port) ? port : 0;

    private static IEnumerable<YamlNode> Items(YamlMappingNode node, string key) =>
        (Node(node, key) as YamlSequenceNode)?.Children ?? [];

    private static YamlNode? Node(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var child) ? child : null;

    private static YamlMappingNode? Mapping(YamlMappingNode node, string key) => Node(node, key) as YamlMappingNode;

    private static string Text(YamlNode node) => (node as YamlScalarNode)?.Value ?? string.Empty;
}
