// Stage changes as they happen, for a dashboard that keeps model versions' stages fresh in the Relay store.
import { graphql } from 'relay-runtime';

export const stageFeedSubscription = graphql`
  subscription StageFeedSubscription($modelId: ID) {
    modelVersionPromoted(modelId: $modelId) {
      sequence
      from
      to
      at
      by
      modelVersion {
        stage
      }
    }
  }
`;
