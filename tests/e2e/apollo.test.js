'use strict';

// Apollo Client 4 as a frontend team would set it up (docs/clients.md): the shipped possibleTypes, relayStylePagination
// on the catalogue, graphql-ws for subscriptions. Every realistic operation in schema/operations/ runs against the
// seeded demo registry with no GraphQL error and no cache warning; fetchMore pages the catalogue; and a BatchHttpLink
// batch over the server's limit gets one coded error per operation. (Persisted queries: persisted-operations.test.js.)

// Apollo's cache warnings are development-only: without this flag, read when Apollo loads, they are compiled out and
// "no warning" would prove nothing.
globalThis.__DEV__ = true;

const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const path = require('node:path');
const { format } = require('node:util');
const WebSocket = require('ws');
const { createClient } = require('graphql-ws');
const { ApolloClient, HttpLink, InMemoryCache, gql } = require('@apollo/client');
const { BatchHttpLink } = require('@apollo/client/link/batch-http');
const { GraphQLWsLink } = require('@apollo/client/link/subscriptions');
const { relayStylePagination } = require('@apollo/client/utilities');
const { loadDevMessages, loadErrorMessages } = require('@apollo/client/dev');
const { startServer, repositoryRoot } = require('./support/server');
const { operation, operationNames } = require('./support/operations');

loadDevMessages();
loadErrorMessages();

const possibleTypes = require(path.join(repositoryRoot, 'schema', 'clients', 'possible-types.json'));
const MAX_BATCH_SIZE = 3;

let server;
let reviewerKey;
const consoleMessages = [];
const originalConsole = { warn: console.warn, error: console.error };

before(async () => {
  console.warn = (...args) => consoleMessages.push(`warn: ${format(...args)}`);
  console.error = (...args) => consoleMessages.push(`error: ${format(...args)}`);
  server = await startServer({
    name: 'apollo',
    env: { Registry__Seed: 'demo', Registry__Limits__MaxBatchSize: String(MAX_BATCH_SIZE) },
  });
  reviewerKey = await createReviewer();
});

after(async () => {
  console.warn = originalConsole.warn;
  console.error = originalConsole.error;
  await server?.stop();
});

/** The cache configuration docs/clients.md gives, with the possibleTypes file shipped in schema/clients/. */
function registryCache(typePolicies = registryTypePolicies()) {
  return new InMemoryCache({ possibleTypes, typePolicies });
}

function registryTypePolicies() {
  return {
    Query: { fields: { models: relayStylePagination(['where', 'order']), search: relayStylePagination(['text', 'types']) } },
    RegistryEvent: { keyFields: ['sequence'] },
    StageChangedEvent: { keyFields: ['sequence'] },
    Principal: { keyFields: ['name'] },
    Metric: { keyFields: false },
    LineageGraph: { keyFields: false },
  };
}

function httpClient({ apiKey = server.adminKey, cache = registryCache() } = {}) {
  return new ApolloClient({ link: new HttpLink({ uri: `${server.url}/graphql`, headers: { 'X-Api-Key': apiKey } }), cache });
}

/** Raw POST for test setup that is not part of the operations under test. */
async function post(query, variables, apiKey = server.adminKey) {
  const response = await fetch(`${server.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-api-key': apiKey },
    body: JSON.stringify({ query, variables }),
  });
  const body = await response.json();
  assert.equal(body.errors, undefined, JSON.stringify(body.errors));
  return body.data;
}

/** A second person with APPROVER, since requesters cannot decide their own promotions. */
async function createReviewer() {
  const created = await post(`mutation { createApiKey(input: { name: "reviewer-key", principal: "reviewer" }) { secret errors { code message } } }`);
  assert.deepEqual(created.createApiKey.errors, null);
  const granted = await post(`mutation { grantRole(input: { principal: "reviewer", role: APPROVER }) { errors { code message } } }`);
  assert.deepEqual(granted.grantRole.errors, null);
  return created.createApiKey.secret;
}

const LIMIT_CODES = new Set(['MAX_COMPLEXITY_EXCEEDED', 'MAX_DEPTH_EXCEEDED']);

/**
 * Fails on any GraphQL error. A refusal by the cost or depth limits is named as such: the operations are realistic and
 * stay as they are; the limits are what must let them through (issue 14, "Costs").
 */
function assertNoGraphQLErrors(name, result) {
  const errors = result.error?.errors ?? (result.error ? [result.error] : []);
  if (errors.length === 0) {
    return;
  }
  const refusedByLimits = errors.filter((e) => LIMIT_CODES.has(e.extensions?.code));
  if (refusedByLimits.length > 0) {
    assert.fail(`COST/DEPTH LIMITS refuse the realistic operation ${name}: ${refusedByLimits.map((e) => e.message).join('; ')}`);
  }
  assert.fail(`${name} answered GraphQL errors: ${errors.map((e) => `${e.extensions?.code ?? ''} ${e.message}`).join('; ')}`);
}

async function query(client, name, variables) {
  const result = await client.query({ query: operation(name), variables, fetchPolicy: 'network-only', errorPolicy: 'all' });
  assertNoGraphQLErrors(name, result);
  return result.data;
}

async function mutate(client, name, variables) {
  const result = await client.mutate({ mutation: operation(name), variables, errorPolicy: 'all' });
  assertNoGraphQLErrors(name, result);
  return result.data;
}

function takeConsoleMessages() {
  return consoleMessages.splice(0, consoleMessages.length);
}

test('every realistic query runs with the shipped possibleTypes, answers the seeded registry and warns nothing', async () => {
  takeConsoleMessages();
  const client = httpClient();

  const catalogue = await query(client, 'Catalogue', {});
  assert.equal(catalogue.models.totalCount, 4);
  const toxicity = catalogue.models.edges.map((e) => e.node).find((m) => m.name === 'toxicity-classifier');
  const [latest] = toxicity.versions.nodes;
  assert.equal(latest.stage, 'PRODUCTION');
  assert.ok(latest.metrics.some((m) => m.name === 'auc' && m.value === 0.92));
  const production = latest.deployments.find((d) => d.environment === 'production');
  assert.deepEqual(production.consumers.map((c) => c.name).sort(), ['compound-screening-portal', 'lab-notebook-plugin']);

  const search = await query(client, 'CatalogueSearch', { text: 'toxicity' });
  assert.ok(search.search.edges.some((e) => e.node.__typename === 'Model' && e.node.name === 'toxicity-classifier'));

  const page = await query(client, 'ModelPage', { name: 'toxicity-classifier' });
  assert.equal(page.model.aliases[0].name, 'champion');
  const [v2, v1] = page.model.versions.edges.map((e) => e.node);
  assert.deepEqual([v2.number, v1.number], [2, 1]);
  assert.deepEqual(v2.trainedOn.map((d) => d.dataset.name).sort(), ['chembl-bioactivity', 'tox21-assays']);
  assert.equal(v2.hyperparameters.layers, 5);
  assert.deepEqual(v2.stageHistory.map((s) => s.to), ['DEVELOPMENT', 'STAGING', 'PRODUCTION']);
  assert.equal(v2.deployments[0].consumers.length, 2);
  const approved = page.promotionRequests.nodes.find((r) => r.targetStage === 'PRODUCTION');
  assert.deepEqual(approved.approvals.map((a) => [a.by, a.approved]), [['model-risk-office', true]]);

  const lineage = await query(client, 'ProductionLineage', { modelName: 'toxicity-classifier' });
  const [served] = lineage.model.versions.nodes;
  const picture = served.lineage;
  assert.equal(picture.root.id, served.id);
  assert.deepEqual(new Set(picture.nodes.map((n) => n.__typename)),
    new Set(['ModelVersion', 'DatasetVersion', 'Deployment', 'ConsumerApplication']));
  assert.deepEqual(new Set(picture.edges.map((e) => e.relation)),
    new Set(['TRAINED_ON', 'FINE_TUNED_FROM', 'DEPLOYED_AS', 'CONSUMED_BY']));

  const dataset = picture.nodes.find((n) => n.__typename === 'DatasetVersion' && n.version === '2026.06');
  const usage = await query(client, 'LineagePicture', { nodeId: dataset.id, direction: 'DOWNSTREAM', depth: 4 });
  assert.equal(usage.lineage.root.id, dataset.id);
  assert.ok(usage.lineage.nodes.some((n) => n.__typename === 'ModelVersion' && n.model.name === 'drug-repurposing-ranker'));
  const before = await query(client, 'LineagePicture', { nodeId: served.id, asOf: served.lineage.edges[0].validFrom });
  assert.ok(before.lineage.nodes.length >= 1);

  assert.deepEqual(takeConsoleMessages(), []);
});

test('fetchMore pages the catalogue through relayStylePagination and the cached list grows', async () => {
  takeConsoleMessages();
  const client = httpClient();
  const catalogue = operation('Catalogue');
  const observable = client.watchQuery({ query: catalogue, variables: { first: 2 }, errorPolicy: 'all' });
  const shown = [];
  let firstPage;
  let secondPage;
  const loaded = new Promise((resolve) => { firstPage = resolve; });
  const grown = new Promise((resolve) => { secondPage = resolve; });
  // What a component rendering the list would see: the first page, then the merged list after fetchMore.
  const subscription = observable.subscribe({
    next: (result) => {
      if (result.loading) return;
      shown.push(result.data.models.edges.length);
      (shown.length === 1 ? firstPage : secondPage)(result);
    },
  });
  try {
    const first = await loaded;
    assertNoGraphQLErrors('Catalogue', first);
    assert.equal(first.data.models.edges.length, 2);
    assert.equal(first.data.models.pageInfo.hasNextPage, true);

    const more = await observable.fetchMore({ variables: { after: first.data.models.pageInfo.endCursor } });
    assertNoGraphQLErrors('Catalogue (fetchMore)', more);

    const merged = client.readQuery({ query: catalogue, variables: { first: 2 } });
    const names = merged.models.edges.map((e) => e.node.name);
    assert.equal(names.length, 4);
    assert.equal(new Set(names).size, 4);
    assert.equal(merged.models.pageInfo.hasNextPage, false);
    const rerendered = await Promise.race([grown, new Promise((resolve) => setTimeout(resolve, 5_000).unref())]);
    assert.ok(rerendered, 'the watching query was not told about the merged page');
    assert.deepEqual(shown, [2, 4]);
  } finally {
    subscription.unsubscribe();
  }
  assert.deepEqual(takeConsoleMessages(), []);
});

test('promotion mutations narrow their typed errors, and subscriptions deliver the stage changes over graphql-ws', async () => {
  takeConsoleMessages();
  const admin = httpClient();
  const reviewer = httpClient({ apiKey: reviewerKey });
  const wsClient = createClient({
    url: `${server.url.replace('http', 'ws')}/graphql`,
    webSocketImpl: WebSocket,
    connectionParams: { 'X-Api-Key': server.adminKey },
    retryAttempts: 0,
  });
  const live = new ApolloClient({ link: new GraphQLWsLink(wsClient), cache: registryCache() });
  const ids = await post(`{
    churn: model(name: "churn-predictor") { id version(number: 1) { id } }
    ranker: model(name: "drug-repurposing-ranker") { id version(number: 1) { id } }
    head: registryEvents(last: 1) { nodes { sequence } }
  }`);
  const churnVersion = ids.churn.version.id;
  const promoted = [];
  const activity = [];
  const failures = [];
  const watchPromotions = live.subscribe({ query: operation('VersionPromoted'), variables: { modelId: ids.churn.id } })
    .subscribe({ next: (r) => (r.error ? failures.push(r.error) : promoted.push(r.data.modelVersionPromoted)), error: (e) => failures.push(e) });
  const watchActivity = live.subscribe({
    query: operation('RegistryActivity'),
    variables: { after: ids.head.nodes[0].sequence, types: ['STAGE_CHANGED'], modelId: ids.churn.id },
  }).subscribe({ next: (r) => (r.error ? failures.push(r.error) : activity.push(r.data.registryEvents)), error: (e) => failures.push(e) });
  const waitFor = async (predicate, label) => {
    const deadline = Date.now() + 15_000;
    while (!predicate()) {
      assert.deepEqual(failures.map(String), [], `a subscription failed while waiting for ${label}`);
      assert.ok(Date.now() < deadline, `timed out waiting for ${label}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };
  const promote = (modelVersionId, targetStage, reason) =>
    mutate(admin, 'PromoteVersion', { input: { modelVersionId, targetStage, reason } });

  try {
    // The subscription is set up asynchronously: move the version back and forth until a stage change arrives.
    let stage = 'DEVELOPMENT';
    const readyBy = Date.now() + 15_000;
    while (promoted.length === 0) {
      assert.ok(Date.now() < readyBy, 'no stage change reached the VersionPromoted subscription');
      stage = stage === 'DEVELOPMENT' ? 'STAGING' : 'DEVELOPMENT';
      const moved = await promote(churnVersion, stage, 'readiness probe');
      assert.deepEqual(moved.promoteModelVersion.errors, null);
      await new Promise((resolve) => setTimeout(resolve, 300));
    }
    if (stage !== 'STAGING') {
      await promote(churnVersion, 'STAGING', 'ready for review');
    }

    const requested = await promote(churnVersion, 'PRODUCTION', 'Retention campaign needs it');
    assert.deepEqual(requested.promoteModelVersion.errors, null);
    const request = requested.promoteModelVersion.promotionRequest;
    assert.equal(request.status, 'PENDING');

    const self = await mutate(admin, 'ApprovePromotionRequest', { input: { promotionRequestId: request.id, comment: 'mine' } });
    const [selfError] = self.approvePromotion.errors;
    assert.equal(selfError.__typename, 'SelfApprovalError');
    assert.equal(selfError.code, 'SELF_APPROVAL');
    assert.equal(self.approvePromotion.promotionRequest, null);

    const approved = await mutate(reviewer, 'ApprovePromotionRequest', { input: { promotionRequestId: request.id, comment: 'Reviewed' } });
    assert.deepEqual(approved.approvePromotion.errors, null);
    assert.equal(approved.approvePromotion.promotionRequest.status, 'APPLIED');
    assert.deepEqual(approved.approvePromotion.promotionRequest.approvals.map((a) => [a.by, a.approved]), [['reviewer', true]]);
    await waitFor(() => promoted.some((e) => e.to === 'PRODUCTION'), 'the promotion to PRODUCTION');
    const event = promoted.find((e) => e.to === 'PRODUCTION');
    assert.equal(event.modelVersion.id, churnVersion);
    assert.equal(event.modelVersion.model.name, 'churn-predictor');
    assert.equal(event.by, 'reviewer');
    await waitFor(() => activity.length >= promoted.length, 'the event feed to catch up');
    assert.ok(activity.every((e) => e.type === 'STAGE_CHANGED' && e.model.name === 'churn-predictor'));
    assert.equal(activity.at(-1).subject.__typename, 'ModelVersion');

    const archived = await post('{ model(name: "toxicity-classifier") { version(number: 1) { id stage } } }');
    assert.equal(archived.model.version.stage, 'ARCHIVED');
    const refused = await promote(archived.model.version.id, 'PRODUCTION', 'from the archive');
    assert.equal(refused.promoteModelVersion.promotionRequest, null);
    const [transition] = refused.promoteModelVersion.errors;
    assert.equal(transition.__typename, 'InvalidTransitionError');
    assert.equal(transition.code, 'INVALID_TRANSITION');

    const pending = await promote(ids.ranker.version.id, 'PRODUCTION', 'Repurposing wants it live');
    const rejected = await mutate(reviewer, 'RejectPromotionRequest', {
      input: { promotionRequestId: pending.promoteModelVersion.promotionRequest.id, comment: 'Needs the June hold-out run first' },
    });
    assert.deepEqual(rejected.rejectPromotion.errors, null);
    assert.equal(rejected.rejectPromotion.promotionRequest.status, 'REJECTED');
    assert.equal(rejected.rejectPromotion.promotionRequest.modelVersion.stage, 'STAGING');
  } finally {
    watchPromotions.unsubscribe();
    watchActivity.unsubscribe();
    await wsClient.dispose();
  }
  assert.deepEqual(failures.map(String), []);
  assert.deepEqual(takeConsoleMessages(), []);
});

test('BatchHttpLink: a batch over the limit gets one BATCH_TOO_LARGE error per operation, one within it runs', async () => {
  const bodies = [];
  const recordingFetch = async (url, init) => {
    const response = await fetch(url, init);
    bodies.push({ sent: JSON.parse(init.body), status: response.status, answer: await response.clone().json() });
    return response;
  };
  const batching = (batchMax) => new ApolloClient({
    link: new BatchHttpLink({ uri: `${server.url}/graphql`, headers: { 'X-Api-Key': server.adminKey }, batchMax, batchInterval: 20, fetch: recordingFetch }),
    cache: registryCache(),
  });
  const names = (count) => Array.from({ length: count }, (_, i) => gql`query Batched${i} { models(first: ${i + 1}) { totalCount } }`);

  const over = batching(MAX_BATCH_SIZE + 2);
  const outcomes = await Promise.allSettled(names(MAX_BATCH_SIZE + 2).map((q) => over.query({ query: q, fetchPolicy: 'network-only' })));

  assert.equal(bodies.length, 1);
  assert.equal(bodies[0].sent.length, MAX_BATCH_SIZE + 2);
  assert.equal(bodies[0].status, 400);
  assert.equal(bodies[0].answer.length, MAX_BATCH_SIZE + 2);
  for (const outcome of outcomes) {
    assert.equal(outcome.status, 'rejected');
    assert.doesNotMatch(outcome.reason.message, /expected length/);
    assert.deepEqual(outcome.reason.errors.map((e) => e.extensions.code), ['BATCH_TOO_LARGE']);
  }

  bodies.length = 0;
  const within = batching(MAX_BATCH_SIZE);
  const results = await Promise.all(names(MAX_BATCH_SIZE).map((q) => within.query({ query: q, fetchPolicy: 'network-only' })));
  assert.equal(bodies.length, 1);
  assert.equal(bodies[0].sent.length, MAX_BATCH_SIZE);
  assert.ok(results.every((r) => r.data.models.totalCount === 4));
});

test('the warning check can fail: an object without identity, cached without a key, is reported', async () => {
  takeConsoleMessages();
  const { Principal, ...withoutPrincipalKey } = registryTypePolicies();
  assert.ok(Principal);
  const client = httpClient({ cache: registryCache(withoutPrincipalKey) });

  await client.query({ query: gql`query MeName { me { name kind } }` });
  await client.query({ query: gql`query MeGroups { me { name groups } }` });

  assert.match(takeConsoleMessages().join('\n'), /Cache data may be lost when replacing the me field of a Query object/);
});

test('the suite covers every operation kept in schema/operations', () => {
  const covered = ['Catalogue', 'CatalogueSearch', 'ModelPage', 'ProductionLineage', 'LineagePicture', 'PromoteVersion',
    'ApprovePromotionRequest', 'RejectPromotionRequest', 'VersionPromoted', 'RegistryActivity'];
  assert.deepEqual(operationNames().map((o) => o.name).sort(), covered.sort());
});
