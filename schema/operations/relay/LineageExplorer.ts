// The lineage picture around a node the user picked, each node drawn by its kind.
import { graphql } from 'relay-runtime';

export const lineageExplorerQuery = graphql`
  query LineageExplorerQuery($nodeId: ID!, $depth: Int = 3) {
    lineage(nodeId: $nodeId, direction: BOTH, depth: $depth) {
      ...LineageExplorer_graph
    }
  }
`;

export const lineageExplorerGraphFragment = graphql`
  fragment LineageExplorer_graph on LineageGraph {
    truncated
    hiddenNodes
    nodes {
      __typename
      ... on ModelVersion {
        number
        stage
        model {
          name
        }
      }
      ... on DatasetVersion {
        version
        dataset {
          name
        }
      }
      ... on Deployment {
        environment
        status
      }
      ... on ConsumerApplication {
        name
      }
    }
    edges {
      relation
      source {
        ... on Node {
          id
        }
      }
      target {
        ... on Node {
          id
        }
      }
    }
  }
`;
