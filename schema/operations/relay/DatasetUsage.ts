// Where a dataset is used: each of its versions, the model versions fed by it, where those serve and which applications
// read them. The fragment is on a Node type and @refetchable, so Relay refetches (and pages) it through `node(id:)`
// with the query it generates, DatasetUsageRefetchQuery.
import { graphql } from 'relay-runtime';

export const datasetUsageQuery = graphql`
  query DatasetUsageQuery($name: String!) {
    datasets(first: 1, where: { name: { eq: $name } }) {
      nodes {
        ...DatasetUsage_dataset
      }
    }
  }
`;

export const datasetUsageFragment = graphql`
  fragment DatasetUsage_dataset on Dataset
  @argumentDefinitions(first: { type: "Int", defaultValue: 5 }, after: { type: "String" })
  @refetchable(queryName: "DatasetUsageRefetchQuery") {
    name
    owner
    versions(first: $first, after: $after) @connection(key: "DatasetUsage_versions") {
      totalCount
      edges {
        node {
          version
          rowCount
          usedBy {
            number
            stage
            model {
              name
              owner
            }
            deployments {
              environment
              status
              trafficPercent
              consumers {
                name
                owner
              }
            }
          }
        }
      }
    }
  }
`;
