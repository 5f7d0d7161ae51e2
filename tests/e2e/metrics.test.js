'use strict';

// /metrics scraped by a real Prometheus after a scripted workload: the counters Prometheus stores match what the
// workload did (N named operations, K FORBIDDEN payload errors, one slow consumer dropped), and the metrics port serves
// /metrics without credentials while the client port does not serve it at all, as in docker-compose.yml.

const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const WebSocket = require('ws');
const { startServer, freePort, delay } = require('./support/server');
const { startPrometheus, requirePrometheus } = require('./support/prometheus');
const { postGraphQL } = require('./support/registry');

const EVENTS = 'subscription Watch { registryEvents(types: ["VERSION_CREATED"]) { sequence type reason model { name description } } }';
const BATCH = 20;
const BATCHES = 30;
const FORBIDDEN_ATTEMPTS = 3;

let server;
let metricsUrl;
let prometheus;

before(async () => {
  requirePrometheus();
  const metricsPort = await freePort();
  metricsUrl = `http://127.0.0.1:${metricsPort}`;
  server = await startServer({
    name: 'metrics',
    environment: 'Production',
    extraUrls: [metricsUrl],
    env: {
      Registry__Metrics__Port: String(metricsPort),
      Registry__Limits__RequestsPerMinute: '0',
      Registry__Limits__SubscriptionBufferBytes: String(1024 * 1024),
    },
  });
  // Prometheus scrapes the registry's metrics port every second.
  prometheus = await startPrometheus({
    name: 'metrics',
    scrapeInterval: '1s',
    scrapeConfigs: `[{ job_name: model-registry, metrics_path: /metrics, static_configs: [{ targets: ["127.0.0.1:${metricsPort}"] }] }]`,
  });
});

after(async () => {
  await prometheus?.stop();
  await server?.stop();
});

/** The value Prometheus has for an instant query, or null when the series is absent. */
async function scraped(query) {
  const response = await fetch(`${prometheus.url}/api/v1/query?query=${encodeURIComponent(query)}`);
  const body = await response.json();
  assert.equal(body.status, 'success', JSON.stringify(body));
  return body.data.result.length === 0 ? null : Number(body.data.result[0].value[1]);
}

/** Waits until Prometheus has scraped values for which `check` holds; fails with the last values read. */
async function eventually(queries, check) {
  const deadline = Date.now() + 30_000;
  let values;
  while (Date.now() < deadline) {
    values = Object.fromEntries(await Promise.all(Object.entries(queries).map(async ([k, q]) => [k, await scraped(q)])));
    if (check(values)) {
      return values;
    }
    await delay(500);
  }
  return values;
}

const graphql = (query, variables, key = server.adminKey) => postGraphQL(server.url, query, variables, key);

/** Opens a graphql-transport-ws socket signed in as the admin and subscribes; resolves once the socket is acknowledged. */
async function subscribe() {
  const socket = new WebSocket(`${server.url.replace('http', 'ws')}/graphql`, 'graphql-transport-ws');
  const state = { socket, closed: null, received: 0, lastSequence: 0 };
  socket.on('close', (code) => {
    state.closed = { code };
  });
  await new Promise((resolve, reject) => {
    socket.once('open', resolve);
    socket.once('error', reject);
  });
  const acknowledged = new Promise((resolve) => socket.once('message', resolve));
  socket.send(JSON.stringify({ type: 'connection_init', payload: { 'X-Api-Key': server.adminKey } }));
  assert.equal(JSON.parse(String(await acknowledged)).type, 'connection_ack');
  socket.on('message', (data) => {
    const message = JSON.parse(String(data));
    if (message.type === 'next') {
      state.received += 1;
      state.lastSequence = Number(message.payload.data.registryEvents.sequence);
    }
  });
  socket.send(JSON.stringify({ id: 'events', type: 'subscribe', payload: { query: EVENTS } }));
  return state;
}

async function waitFor(condition, ms, message) {
  const deadline = Date.now() + ms;
  while (!condition() && Date.now() < deadline) {
    await delay(50);
  }
  assert.ok(condition(), message);
}

test('the metrics port serves /metrics without credentials and the client port does not serve it', async () => {
  const open = await fetch(`${metricsUrl}/metrics`);
  assert.equal(open.status, 200);
  assert.match(await open.text(), /^registry_audit_sequence_head \d+$/m);
  assert.equal((await fetch(`${server.url}/metrics`, { headers: { 'x-api-key': server.adminKey } })).status, 404);
  assert.equal((await fetch(`${metricsUrl}/graphql`)).status, 404);
});

test('Prometheus scrapes counters that match the workload: N operations, K FORBIDDEN, one slow consumer dropped', async () => {
  // K refused registrations by a VIEWER: FORBIDDEN comes back in the payload's errors.
  const principal = 'metrics-viewer';
  const created = await graphql(
    'mutation CreateViewerKey($input: CreateApiKeyInput!) { createApiKey(input: $input) { secret errors { code } } }',
    { input: { name: 'viewer', principal } });
  await graphql('mutation GrantViewer($input: GrantRoleInput!) { grantRole(input: $input) { errors { code } } }',
    { input: { principal, role: 'VIEWER', scope: 'global' } });
  for (let i = 0; i < FORBIDDEN_ATTEMPTS; i += 1) {
    const refused = await graphql(
      'mutation ViewerRegisters($input: RegisterModelInput!) { registerModel(input: $input) { model { id } errors { code } } }',
      { input: { name: `not-allowed-${i}`, task: 'CLASSIFICATION', owner: 'team' } }, created.createApiKey.secret);
    assert.equal(refused.registerModel.errors[0].code, 'FORBIDDEN');
  }

  // A reader and a subscriber that stops reading, then about 8 MB of events (see slow-consumer.test.js for the sizes).
  const model = await graphql(
    'mutation RegisterWideModel($input: RegisterModelInput!) { registerModel(input: $input) { model { id } } }',
    { input: { name: 'metrics-wide', task: 'CLASSIFICATION', owner: 'team', description: 'd'.repeat(9000) } });
  const modelId = model.registerModel.model.id;
  const reader = await subscribe();
  const stalled = await subscribe();
  await graphql('mutation FirstVersion($m: ID!) { createModelVersion(input: { modelId: $m }) { errors { code } } }', { m: modelId });
  await waitFor(() => reader.received === 1 && stalled.received === 1, 60_000, 'both subscribers received the first event');
  stalled.socket._socket.pause();
  const fields = Array.from({ length: BATCH }, (_, i) =>
    `v${i}: createModelVersion(input: { modelId: $m, reason: $r }) { errors { code } }`).join(' ');
  for (let i = 0; i < BATCHES; i += 1) {
    await graphql(`mutation CreateWideVersions($m: ID!, $r: String) { ${fields} }`, { m: modelId, r: 'r'.repeat(4000) });
  }
  const written = 1 + BATCH * BATCHES;
  stalled.socket._socket.resume();
  await waitFor(() => stalled.closed !== null, 30_000, 'the stalled subscriber was closed');
  assert.equal(stalled.closed.code, 4413);
  await waitFor(() => reader.received === written, 60_000, `the reader received all ${written} events`);
  reader.socket.close();
  await waitFor(() => reader.closed !== null, 10_000, 'the reader closed');

  const expected = {
    forbiddenOperations: FORBIDDEN_ATTEMPTS,
    forbiddenErrors: FORBIDDEN_ATTEMPTS,
    batches: BATCHES,
    drops: 1,
    head: reader.lastSequence,
    subscriptions: 0,
    connections: 0,
  };
  const values = await eventually({
    forbiddenOperations: 'sum(graphql_operations_total{job="model-registry",type="mutation",name="ViewerRegisters"})',
    forbiddenErrors: 'sum(registry_mutation_errors_total{job="model-registry",mutation="registerModel",code="FORBIDDEN"})',
    batches: 'sum(graphql_operations_total{job="model-registry",type="mutation",name="CreateWideVersions"})',
    drops: 'sum(graphql_subscription_slow_consumer_drops_total{job="model-registry",protocol="graphql-transport-ws"})',
    head: 'registry_audit_sequence_head{job="model-registry"}',
    subscriptions: 'sum(graphql_subscriptions_active{job="model-registry"})',
    connections: 'sum(graphql_connections_active{job="model-registry"})',
  }, (v) => Object.keys(expected).every((k) => v[k] === expected[k]));
  assert.deepEqual(values, expected);

  const delivered = await scraped('sum(graphql_subscription_events_total{job="model-registry",protocol="graphql-transport-ws"})');
  assert.ok(delivered >= written + 1, `events delivered (${delivered}) covers the reader's ${written} and the stalled one's first`);
  const lockWaits = await scraped('sum(registry_write_lock_wait_seconds_count{job="model-registry"})');
  assert.ok(lockWaits >= written, `every write waited for the lock once (${lockWaits} waits for ${written} versions)`);
  const upValue = await scraped('up{job="model-registry"}');
  assert.equal(upValue, 1);
});
