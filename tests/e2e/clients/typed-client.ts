// A small typed client of the registry, written as a frontend team writes one over graphql-codegen's client preset:
// Apollo Client with the generated typed documents for the operations in schema/operations/, fragments unmasked with
// `useFragment`, and mutation errors narrowed on `__typename`. tests/e2e/codegen.test.js generates ./gql beside a copy
// of this file and type-checks it with `tsc --noEmit`; a field the operations do not select fails that check.
import { ApolloClient, HttpLink, InMemoryCache } from '@apollo/client';
import { useFragment } from './gql';
import {
  CatalogueDocument,
  CatalogueModelFragmentDoc,
  CatalogueVersionFragmentDoc,
  LineageGraphPictureFragmentDoc,
  LineageNodeCardFragmentDoc,
  ModelPageDocument,
  ModelPageVersionFragmentDoc,
  ProductionLineageDocument,
  PromoteVersionDocument,
  PromotionDecisionFragmentDoc,
  ServingDeploymentFragmentDoc,
  type LineageNodeCardFragment,
  type ModelStage,
  type PromoteVersionMutation,
} from './gql/graphql';

export function registryClient(url: string, apiKey: string): ApolloClient {
  return new ApolloClient({
    link: new HttpLink({ uri: url, headers: { 'X-Api-Key': apiKey } }),
    cache: new InMemoryCache(),
  });
}

export interface CatalogueRow {
  name: string;
  owner: string;
  latestStage: ModelStage | null;
  headlineMetric: { name: string; value: number } | null;
  consumers: string[];
}

export async function catalogue(client: ApolloClient, first = 20, after?: string): Promise<CatalogueRow[]> {
  const { data } = await client.query({ query: CatalogueDocument, variables: { first, after } });
  return (data?.models?.edges ?? []).map((edge) => {
    const model = useFragment(CatalogueModelFragmentDoc, edge.node);
    const latest = useFragment(CatalogueVersionFragmentDoc, model.versions?.nodes?.[0] ?? null);
    const headline = latest?.metrics[0];
    return {
      name: model.name,
      owner: model.owner,
      latestStage: latest?.stage ?? null,
      headlineMetric: headline ? { name: headline.name, value: headline.value } : null,
      consumers: latest?.deployments.flatMap((deployment) => deployment.consumers.map((consumer) => consumer.name)) ?? [],
    };
  });
}

/** Where each version of a model serves, for the model page's deployment table. */
export async function servingTable(client: ApolloClient, name: string): Promise<Array<[number, string, number]>> {
  const { data } = await client.query({ query: ModelPageDocument, variables: { name } });
  const rows: Array<[number, string, number]> = [];
  for (const edge of data?.model?.versions?.edges ?? []) {
    const version = useFragment(ModelPageVersionFragmentDoc, edge.node);
    for (const deployment of useFragment(ServingDeploymentFragmentDoc, version.deployments)) {
      rows.push([version.number, deployment.environment, deployment.consumers.length]);
    }
  }
  return rows;
}

/** A label per lineage node, narrowing the LineageNode union on `__typename`. */
export function lineageLabel(node: LineageNodeCardFragment): string {
  switch (node.__typename) {
    case 'ModelVersion':
      return `${node.model.name} v${node.number} (${node.stage})`;
    case 'DatasetVersion':
      return `${node.dataset.name}@${node.version}`;
    case 'Deployment':
      return `${node.environment} ${node.status}`;
    case 'ConsumerApplication':
      return node.name;
  }
}

export async function productionLineage(client: ApolloClient, modelName: string): Promise<string[]> {
  const { data } = await client.query({ query: ProductionLineageDocument, variables: { modelName } });
  const picture = useFragment(LineageGraphPictureFragmentDoc, data?.model?.versions?.nodes?.[0]?.lineage ?? null);
  return (picture?.nodes ?? []).map((node) => lineageLabel(useFragment(LineageNodeCardFragmentDoc, node)));
}

type PromotionError = NonNullable<PromoteVersionMutation['promoteModelVersion']['errors']>[number];

/** What the promote button tells the user, by the error's type. */
export function explain(error: PromotionError): string {
  switch (error.__typename) {
    case 'InvalidTransitionError':
      return `The lifecycle does not allow this change: ${error.message}`;
    case 'PolicyCheckFailedError':
      return `The stage's promotion policy is not met: ${error.message}`;
    case 'NotFoundError':
      return `That version is gone${error.field ? ` (${error.field})` : ''}.`;
    default:
      return `${error.code}: ${error.message}`;
  }
}

export type PromotionOutcome =
  | { kind: 'requested'; requestId: string; status: string; stage: ModelStage }
  | { kind: 'refused'; codes: string[]; explanations: string[] };

export async function promote(client: ApolloClient, modelVersionId: string, targetStage: ModelStage, reason: string): Promise<PromotionOutcome> {
  const { data } = await client.mutate({
    mutation: PromoteVersionDocument,
    variables: { input: { modelVersionId, targetStage, reason } },
  });
  const payload = data?.promoteModelVersion;
  const errors = payload?.errors ?? [];
  if (errors.length > 0) {
    return { kind: 'refused', codes: errors.map((error) => error.code), explanations: errors.map(explain) };
  }
  const request = useFragment(PromotionDecisionFragmentDoc, payload?.promotionRequest ?? null);
  if (!request) {
    return { kind: 'refused', codes: [], explanations: ['The registry answered neither a request nor an error.'] };
  }
  return { kind: 'requested', requestId: request.id, status: request.status, stage: request.modelVersion.stage };
}
