using GraphQL;
using GraphQL.Introspection;
using GraphQL.Resolvers;
using GraphQL.Types;
using GraphQL.Utilities;
using GraphQLParser.AST;

namespace ModelRegistry.GraphQL.Scalars;

/// <summary>
/// The October 2021 specification's <c>@specifiedBy(url:)</c> on custom scalars, and the <c>__Type.specifiedByURL</c>
/// introspection field that reports it. GraphQL.NET 8 has neither; code generators read the URL to map a scalar to a
/// client type, and graphql-js's full introspection query asks for the field. The same visitor gives
/// <c>__Directive.args</c> its <c>includeDeprecated</c> argument, which GraphQL.NET leaves out.
/// </summary>
public static class SpecifiedBy
{
    /// <summary>The directive's name.</summary>
    public const string DirectiveName = "specifiedBy";

    private const string MetadataKey = "registry.specifiedByURL";

    // Built-in scalars (and their applied directives) are shared by every schema in the process, and schemas of several
    // hosts may initialise at once (tests run hosts side by side): look and apply under one lock, or two schemas can both
    // find the directive missing and both apply it, which fails schema validation as a repeated directive.
    private static readonly Lock SharedTypes = new();

    /// <summary>Declares the directive and a visitor that applies <paramref name="urls"/> (scalar name to URL) and serves the field.</summary>
    public static void Register(ISchema schema, IReadOnlyDictionary<string, string> urls)
    {
        schema.Directives.Register(new SpecifiedByDirective());
        schema.RegisterVisitor(new Visitor(urls));
    }

    /// <summary><c>directive @specifiedBy(url: String!) on SCALAR</c>.</summary>
    private sealed class SpecifiedByDirective : Directive
    {
        public SpecifiedByDirective() : base(DirectiveName, DirectiveLocation.Scalar)
        {
            Description = "Exposes a URL that specifies the behaviour of this scalar.";
            Arguments = new QueryArguments(new QueryArgument<NonNullGraphType<StringGraphType>>
            {
                Name = "url",
                Description = "The URL that specifies the behaviour of this scalar.",
            });
        }

        // A type-system directive is hidden from introspection unless it says otherwise; this one is in the specification.
        public override bool? Introspectable => true;
    }

    private sealed class Visitor(IReadOnlyDictionary<string, string> urls) : BaseSchemaNodeVisitor
    {
        public override void VisitScalar(ScalarGraphType type, ISchema schema)
        {
            if (!urls.TryGetValue(type.Name, out var url))
                return;
            // Built-in scalars are shared by every schema in the process, so another schema may have applied it already.
            lock (SharedTypes)
            {
                if (type.FindAppliedDirective(DirectiveName) is null)
                    type.ApplyDirective(DirectiveName, "url", url);
                // Written once: other schemas' resolvers may be reading it.
                if (!type.Metadata.TryGetValue(MetadataKey, out var known) || !Equals(known, url))
                    type.Metadata[MetadataKey] = url;
            }
        }

        public override void VisitObject(IObjectGraphType type, ISchema schema)
        {
            lock (SharedTypes)
                AddIntrospectionFields(type, schema);
        }

        private static void AddIntrospectionFields(IObjectGraphType type, ISchema schema)
        {
            // graphql-js's query with inputValueDeprecation asks for directive arguments with includeDeprecated too.
            if (type is __Directive && type.GetField("args") is { } args && args.Arguments?.Find("includeDeprecated") is null)
            {
                args.Arguments ??= new QueryArguments();
                args.Arguments.Add(new QueryArgument<BooleanGraphType>
                {
                    Name = "includeDeprecated",
                    DefaultValue = false,
                    ResolvedType = schema.AllTypes["Boolean"],
                });
            }
            if (type is not __Type || type.HasField("specifiedByURL"))
                return;
            type.AddField(new FieldType
            {
                Name = "specifiedByURL",
                Description = "For a custom scalar, a URL that specifies its behaviour; otherwise null.",
                Type = typeof(StringGraphType),
                ResolvedType = schema.AllTypes["String"],
                Resolver = new FuncFieldResolver<object?>(context =>
                    context.Source is ScalarGraphType scalar && scalar.Metadata.TryGetValue(MetadataKey, out var value) ? value : null),
            });
        }
    }
}
