namespace ModelRegistry.Api.Tests.Hardening;

/// <summary>Introspection documents shaped like the ones IDEs and code generators send.</summary>
public static class IntrospectionQueries
{
    /// <summary>
    /// A full schema introspection as an IDE sends it at start-up: every type with fields, arguments, input fields,
    /// interfaces, enum values and possible types, and type references unwrapped nine levels deep.
    /// </summary>
    public const string Full = """
        query IntrospectionQuery {
          __schema {
            description
            queryType { name kind }
            mutationType { name kind }
            subscriptionType { name kind }
            types { ...FullType }
            directives {
              name
              description
              locations
              args { ...InputValue }
            }
          }
        }
        fragment FullType on __Type {
          kind
          name
          description
          fields(includeDeprecated: true) {
            name
            description
            args { ...InputValue }
            type { ...TypeRef }
            isDeprecated
            deprecationReason
          }
          inputFields { ...InputValue }
          interfaces { ...TypeRef }
          enumValues(includeDeprecated: true) { name description isDeprecated deprecationReason }
          possibleTypes { ...TypeRef }
        }
        fragment InputValue on __InputValue {
          name
          description
          type { ...TypeRef }
          defaultValue
        }
        fragment TypeRef on __Type {
          kind
          name
          ofType {
            kind
            name
            ofType {
              kind
              name
              ofType {
                kind
                name
                ofType {
                  kind
                  name
                  ofType {
                    kind
                    name
                    ofType {
                      kind
                      name
                      ofType {
                        kind
                        name
                        ofType {
                          kind
                          name
                          ofType { kind name }
                        }
                      }
                    }
                  }
                }
              }
            }
          }
        }
        """;
}
