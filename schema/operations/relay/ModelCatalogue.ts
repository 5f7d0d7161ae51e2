// The model catalogue as a Relay app writes it: the page's query spreads a paginated fragment on Query, whose
// `models` connection Relay pages with usePaginationFragment (the refetch query it generates takes first/after).
import { graphql } from 'relay-runtime';

export const modelCatalogueQuery = graphql`
  query ModelCatalogueQuery($first: Int = 20, $where: ModelFilterInput, $order: [ModelSortInput!]) {
    ...ModelCatalogue_query @arguments(first: $first, where: $where, order: $order)
  }
`;

export const modelCatalogueQueryFragment = graphql`
  fragment ModelCatalogue_query on Query
  @argumentDefinitions(
    first: { type: "Int", defaultValue: 20 }
    after: { type: "String" }
    where: { type: "ModelFilterInput" }
    order: { type: "[ModelSortInput!]" }
  )
  @refetchable(queryName: "ModelCataloguePaginationQuery") {
    models(first: $first, after: $after, where: $where, order: $order)
      @connection(key: "ModelCatalogue_models", filters: ["where", "order"]) {
      totalCount
      edges {
        node {
          ...ModelCatalogue_model
        }
      }
    }
  }
`;

export const modelCatalogueModelFragment = graphql`
  fragment ModelCatalogue_model on Model {
    name
    displayName
    task
    owner
    tags
    versions(first: 3, order: [{ number: DESC }]) {
      totalCount
      nodes {
        number
        stage
        aliases
        metrics {
          name
          value
          split
        }
        deployments {
          environment
          status
          consumers {
            name
          }
        }
      }
    }
  }
`;
