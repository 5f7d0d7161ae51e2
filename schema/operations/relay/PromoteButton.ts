// The promote button: a mutation whose typed errors the button shows by `__typename`.
import { graphql } from 'relay-runtime';

export const promoteButtonMutation = graphql`
  mutation PromoteButtonMutation($input: PromoteModelVersionInput!) {
    promoteModelVersion(input: $input) {
      promotionRequest {
        status
        targetStage
      }
      modelVersion {
        stage
      }
      errors {
        __typename
        code
        message
        ... on Error {
          field
        }
      }
    }
  }
`;
