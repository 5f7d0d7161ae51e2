// A model's page: the card, then its versions one page at a time through a Relay connection, each with the data it
// was trained on and where it serves.
import { graphql } from 'relay-runtime';

export const modelPageQuery = graphql`
  query ModelPageQuery($name: String!) {
    model(name: $name) {
      name
      displayName
      description
      owner
      tags
      businessContext
      aliases {
        name
        version {
          number
        }
      }
      ...ModelPage_versions
    }
  }
`;

export const modelPageVersionsFragment = graphql`
  fragment ModelPage_versions on Model
  @argumentDefinitions(first: { type: "Int", defaultValue: 10 }, after: { type: "String" })
  @refetchable(queryName: "ModelPageVersionsPaginationQuery") {
    versions(first: $first, after: $after, order: [{ number: DESC }]) @connection(key: "ModelPage_versions") {
      totalCount
      edges {
        node {
          ...ModelPage_version
        }
      }
    }
  }
`;

export const modelPageVersionFragment = graphql`
  fragment ModelPage_version on ModelVersion {
    number
    stage
    framework
    hyperparameters
    metrics {
      name
      value
      split
    }
    stageHistory {
      from
      to
      at
      by
      reason
    }
    trainedOn {
      version
      dataset {
        name
      }
    }
    deployments {
      environment
      status
      consumers {
        name
      }
    }
  }
`;
