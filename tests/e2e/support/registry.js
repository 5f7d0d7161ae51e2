'use strict';

// Small GraphQL-over-HTTP client for the registry: the mutations the live suites and the
// live benchmark drive, and a look-up of the newest event sequence.
//
//   const registry = createRegistryClient(server.url, { apiKey: server.adminKey });
//   const model = await registry.registerModel('fraud-scorer');
//   const version = await registry.createModelVersion(model.id);
//   await registry.promote(version.id, 'STAGING', 'ready for shadow traffic');

/**
 * Posts one operation to /graphql and returns `data`; any transport or GraphQL error throws.
 * With `apiKey` the request carries it in `X-Api-Key`; without, it is anonymous.
 */
async function postGraphQL(baseUrl, query, variables = {}, apiKey = undefined) {
  const headers = { 'content-type': 'application/json', accept: 'application/graphql-response+json' };
  if (apiKey) {
    headers['x-api-key'] = apiKey;
  }
  const response = await fetch(`${baseUrl}/graphql`, {
    method: 'POST',
    headers,
    body: JSON.stringify({ query, variables }),
    signal: AbortSignal.timeout(30_000),
  });
  const text = await response.text();
  if (!response.ok) {
    throw new Error(`POST /graphql answered ${response.status}: ${text}`);
  }
  const body = JSON.parse(text);
  if (body.errors?.length) {
    throw new Error(`GraphQL errors: ${JSON.stringify(body.errors)}`);
  }
  return body.data;
}

/** Throws when a mutation payload carries domain errors; returns the payload otherwise. */
function payloadOf(data, field) {
  const payload = data[field];
  if (payload.errors?.length) {
    throw new Error(`${field} refused: ${JSON.stringify(payload.errors)}`);
  }
  return payload;
}

const REGISTER_MODEL = `
  mutation Register($input: RegisterModelInput!) {
    registerModel(input: $input) { model { id name } errors { code message } }
  }`;

const CREATE_VERSION = `
  mutation CreateVersion($input: CreateModelVersionInput!) {
    createModelVersion(input: $input) { modelVersion { id number stage } errors { code message } }
  }`;

const PROMOTE = `
  mutation Promote($input: PromoteModelVersionInput!) {
    promoteModelVersion(input: $input) {
      promotionRequest { status }
      modelVersion { id stage }
      errors { code message }
    }
  }`;

const RECORD_DEPLOYMENT = `
  mutation Deploy($input: RecordDeploymentInput!) {
    recordDeployment(input: $input) { deployment { id environment status } errors { code message } }
  }`;

const SET_DEPLOYMENT_POLICY = `
  mutation SetDeploymentPolicy($input: SetDeploymentPolicyInput!) {
    setDeploymentPolicy(input: $input) { deploymentPolicy { scope environment } errors { code message } }
  }`;

const EVENT_COUNT = `query EventCount { registryEvents(first: 1) { totalCount } }`;

const EVENTS_FROM = `
  query EventsFrom($from: Long!) {
    registryEvents(first: 100, where: { sequence: { gte: $from } }) { nodes { sequence } }
  }`;

/**
 * Binds the registry operations to one server's base URL. Every operation sends `options.apiKey`
 * (normally the server's `adminKey`), since writes need credentials.
 */
function createRegistryClient(baseUrl, options = {}) {
  const { apiKey } = options;
  const post = (query, variables) => postGraphQL(baseUrl, query, variables, apiKey);
  return {
    query: post,

    async registerModel(name, owner = 'e2e-team') {
      const data = await post(REGISTER_MODEL, { input: { name, task: 'CLASSIFICATION', owner } });
      return payloadOf(data, 'registerModel').model;
    },

    async createModelVersion(modelId) {
      const data = await post(CREATE_VERSION, { input: { modelId, framework: 'sklearn' } });
      return payloadOf(data, 'createModelVersion').modelVersion;
    },

    /** Requests a stage change and insists it was applied at once. */
    async promote(modelVersionId, targetStage, reason) {
      const data = await post(PROMOTE, { input: { modelVersionId, targetStage, reason } });
      const payload = payloadOf(data, 'promoteModelVersion');
      if (payload.modelVersion?.stage !== targetStage) {
        throw new Error(`promotion to ${targetStage} was not applied: ${JSON.stringify(payload)}`);
      }
      return payload;
    },

    async recordDeployment(modelVersionId, environment) {
      const data = await post(RECORD_DEPLOYMENT, {
        input: { modelVersionId, environment, platform: 'kserve', trafficPercent: 100 },
      });
      return payloadOf(data, 'recordDeployment').deployment;
    },

    /** Sets the stages a version needs to serve in an environment, at a scope such as "model:<name>". */
    async setDeploymentPolicy(scope, environment, allowedStages, reason) {
      const data = await post(SET_DEPLOYMENT_POLICY, { input: { scope, environment, allowedStages, reason } });
      return payloadOf(data, 'setDeploymentPolicy').deploymentPolicy;
    },

    /** The newest sequence in the event log (0 when it is empty). */
    async latestSequence() {
      const count = (await post(EVENT_COUNT)).registryEvents.totalCount;
      if (count === 0) {
        return 0;
      }
      // Sequences are gap-free; reading from the count on guards against a log that does not start at 1.
      const nodes = (await post(EVENTS_FROM, { from: count })).registryEvents.nodes;
      return nodes.reduce((max, node) => Math.max(max, Number(node.sequence)), count);
    },
  };
}

module.exports = { createRegistryClient, postGraphQL };
