'use strict';

// Live events through real subscription clients: graphql-ws, the legacy subscriptions-transport-ws,
// and graphql-sse. Mutations go over plain HTTP as the bootstrap admin; the events must arrive on the
// subscriptions, which stay anonymous (Development lets anonymous callers read) unless a test says otherwise.

const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { startServer } = require('./support/server');
const { createRegistryClient } = require('./support/registry');
const { createInbox, transports } = require('./support/live-clients');

const PROMOTED = `
  subscription Promoted($modelId: ID) {
    modelVersionPromoted(modelId: $modelId) {
      sequence from to at by reason
      modelVersion { id number model { name } }
    }
  }`;

const EVENTS = `
  subscription Events($after: Long) {
    registryEvents(after: $after) { sequence type actor }
  }`;

const DEPLOYMENTS = `
  subscription Deployments($environment: String) {
    deploymentChanged(environment: $environment) {
      id environment status
      modelVersion { id number model { name } }
    }
  }`;

const transportNames = {
  graphqlWs: 'graphql-ws (graphql-transport-ws)',
  legacy: 'subscriptions-transport-ws (legacy graphql-ws)',
  sse: 'graphql-sse (distinct connections)',
};

/**
 * How long a new subscription may take to go live on a busy machine before the test gives up. The first subscription
 * of a fresh server pays for warming up, which on a loaded machine has taken over 40 s.
 */
const readinessMs = 120_000;

let server;
let registry;
let modelCount = 0;
const open = new Set();

before(async () => {
  server = await startServer({ name: 'subscriptions' });
  registry = createRegistryClient(server.url, { apiKey: server.adminKey });
});

after(async () => {
  for (const transport of open) {
    transport.close();
  }
  await server?.stop();
});

function connect(kind, options) {
  const transport = transports[kind](server.url, options);
  open.add(transport);
  return transport;
}

function disconnect(transport) {
  transport.close();
  open.delete(transport);
}

/** A freshly registered model with `count` versions in DEVELOPMENT, so every test owns its stages. */
async function freshModel(label, count) {
  modelCount += 1;
  const model = await registry.registerModel(`live-${label}-${modelCount}`);
  const versions = [];
  for (let i = 0; i < count; i += 1) {
    versions.push(await registry.createModelVersion(model.id));
  }
  return { model, versions };
}

/**
 * A subscription operation is started on the server some time after the client sends it, and no
 * protocol acknowledges it. Toggle a probe version between DEVELOPMENT and STAGING until one of its
 * events arrives: from then on the subscription is live.
 */
async function waitUntilPromotionsFlow(inbox, probe) {
  const deadline = Date.now() + readinessMs;
  let stage = 'DEVELOPMENT';
  while (Date.now() < deadline) {
    stage = stage === 'DEVELOPMENT' ? 'STAGING' : 'DEVELOPMENT';
    await registry.promote(probe.id, stage, 'readiness probe');
    try {
      await inbox.waitFor((events) => events.some((e) => e.modelVersion.id === probe.id), 'a probe event', 500);
      return;
    } catch (error) {
      if (inbox.errors.length > 0) throw error;
    }
  }
  throw new Error(`no probe promotion reached the subscription within ${readinessMs / 1000} s`);
}

for (const kind of ['graphqlWs', 'legacy', 'sse']) {
  test(`modelVersionPromoted delivers a promotion made over HTTP through ${transportNames[kind]}`, async () => {
    const { model, versions } = await freshModel(kind.toLowerCase(), 2);
    const [probe, target] = versions;
    const transport = connect(kind);
    try {
      const inbox = createInbox();
      transport.subscribe({ query: PROMOTED, variables: { modelId: model.id } }, inbox);
      await waitUntilPromotionsFlow(inbox, probe);

      const before = await registry.latestSequence();
      const reason = `shadow traffic looks good (${kind})`;
      await registry.promote(target.id, 'STAGING', reason);
      const events = await inbox.waitFor((all) => all.some((e) => e.modelVersion.id === target.id), 'the promotion event');
      const after = await registry.latestSequence();

      const event = events.find((e) => e.modelVersion.id === target.id);
      assert.equal(event.to, 'STAGING');
      assert.equal(event.from, 'DEVELOPMENT');
      assert.equal(event.modelVersion.number, 2);
      assert.equal(event.modelVersion.model.name, model.name);
      assert.equal(event.by, 'bootstrap-admin');
      assert.equal(event.reason, reason);
      assert.ok(!Number.isNaN(Date.parse(event.at)), `'at' is not a date-time: ${event.at}`);
      const sequence = Number(event.sequence);
      assert.ok(sequence > before && sequence <= after, `sequence ${sequence} is not within (${before}, ${after}]`);
      assert.ok(
        events.every((e) => e.modelVersion.model.name === model.name),
        'the modelId filter let another model through',
      );
    } finally {
      disconnect(transport);
    }
  });
}

/** Waits until the inbox holds every sequence up to `last`, then checks they run gap-free from `first`. */
async function expectSequences(inbox, first, last, label) {
  await inbox.waitFor((events) => events.some((e) => Number(e.sequence) >= last), `${label} up to ${last}`);
  const sequences = inbox.events.map((e) => Number(e.sequence));
  const expected = Array.from({ length: last - first + 1 }, (_, i) => first + i);
  assert.deepEqual(sequences, expected, `${label}: sequences must run ${first}..${last} once each, in order`);
}

/**
 * Three stage changes of a version in DEVELOPMENT: STAGING, back to DEVELOPMENT, STAGING again. PRODUCTION is
 * left out on purpose: by default it waits for an independent approver, and these tests are about delivery.
 */
async function promoteRoundTrip(version, label) {
  await registry.promote(version.id, 'STAGING', `${label}: to staging`);
  await registry.promote(version.id, 'DEVELOPMENT', `${label}: back to development`);
  await registry.promote(version.id, 'STAGING', `${label}: to staging again`);
}

for (const kind of ['graphqlWs', 'sse']) {
  test(`registryEvents resumes after a dropped ${transportNames[kind]} connection with no gap and no duplicate`, async () => {
    const { versions } = await freshModel(`resume-${kind.toLowerCase()}`, 1);
    const [version] = versions;
    const start = await registry.latestSequence();

    // First connection: replays from `start` (so no event can slip past before it is live), then goes live.
    const first = connect(kind);
    const firstInbox = createInbox();
    first.subscribe({ query: EVENTS, variables: { after: start } }, firstInbox);
    await promoteRoundTrip(version, 'before the drop');
    const seenUpTo = await registry.latestSequence();
    assert.ok(seenUpTo > start, 'the promotions wrote no event');
    await expectSequences(firstInbox, start + 1, seenUpTo, 'first connection');

    // The connection dies; the registry moves on while the client is away.
    first.terminate();
    open.delete(first);
    await registry.promote(version.id, 'DEVELOPMENT', 'while away: back to development');
    await registry.promote(version.id, 'STAGING', 'while away: to staging');
    await registry.promote(version.id, 'DEVELOPMENT', 'while away: back to development again');
    const missedUpTo = await registry.latestSequence();
    assert.ok(missedUpTo > seenUpTo, 'the mutations while away wrote no event');
    const lastSeen = Number(firstInbox.events.at(-1).sequence);
    assert.equal(lastSeen, seenUpTo, 'the dropped connection still received events');

    // Reconnect from the last sequence seen: the missed events first, then live ones.
    const second = connect(kind);
    try {
      const secondInbox = createInbox();
      second.subscribe({ query: EVENTS, variables: { after: lastSeen } }, secondInbox);
      await expectSequences(secondInbox, lastSeen + 1, missedUpTo, 'replay of the missed events');
      assert.ok(
        secondInbox.events.every((e) => e.type && e.actor === 'bootstrap-admin'),
        `replayed events lack type or actor: ${JSON.stringify(secondInbox.events)}`,
      );

      await promoteRoundTrip(version, 'after the reconnect');
      const liveUpTo = await registry.latestSequence();
      await expectSequences(secondInbox, lastSeen + 1, liveUpTo, 'replay followed by live events');
      assert.ok(
        secondInbox.events.filter((e) => e.type === 'STAGE_CHANGED').length >= 6,
        `expected the six stage changes among ${JSON.stringify(secondInbox.events)}`,
      );
    } finally {
      disconnect(second);
    }
  });
}

test('a graphql-ws client that sends the api key in connectionParams receives promotions', async () => {
  const { model, versions } = await freshModel('signed-in-ws', 2);
  const [probe, target] = versions;
  const transport = connect('graphqlWs', { apiKey: server.adminKey });
  try {
    const inbox = createInbox();
    transport.subscribe({ query: PROMOTED, variables: { modelId: model.id } }, inbox);
    await waitUntilPromotionsFlow(inbox, probe);

    await registry.promote(target.id, 'STAGING', 'signed-in subscriber');
    const events = await inbox.waitFor((all) => all.some((e) => e.modelVersion.id === target.id), 'the promotion event');

    const event = events.find((e) => e.modelVersion.id === target.id);
    assert.equal(event.to, 'STAGING');
    assert.equal(event.by, 'bootstrap-admin');
    assert.deepEqual(inbox.errors, []);
  } finally {
    disconnect(transport);
  }
});

test('deploymentChanged for production fires on a production deployment and not on a staging one', async () => {
  const { model, versions } = await freshModel('deployments', 3);
  const [probe, staged, released] = versions;
  // The subscription is under test, not the deployment policies: let this model's versions serve anywhere.
  for (const environment of ['production', 'staging']) {
    await registry.setDeploymentPolicy(`model:${model.name}`, environment, [], 'subscription test model');
  }
  const transport = connect('graphqlWs');
  try {
    const inbox = createInbox();
    transport.subscribe({ query: DEPLOYMENTS, variables: { environment: 'production' } }, inbox);

    // Readiness: record production deployments of the probe until one arrives.
    const deadline = Date.now() + readinessMs;
    while (!inbox.events.some((d) => d.modelVersion.id === probe.id)) {
      assert.ok(Date.now() < deadline, `no production deployment reached the subscription within ${readinessMs / 1000} s`);
      await registry.recordDeployment(probe.id, 'production');
      await inbox.waitFor((events) => events.some((d) => d.modelVersion.id === probe.id), 'a probe deployment', 500).catch((error) => {
        if (inbox.errors.length > 0) throw error;
      });
    }
    const probeCount = inbox.events.length;

    // Events reach a subscriber in commit order, so a staging event would arrive before the production one.
    const staging = await registry.recordDeployment(staged.id, 'staging');
    const production = await registry.recordDeployment(released.id, 'production');
    await inbox.waitFor((events) => events.some((d) => d.id === production.id), 'the production deployment');

    const fresh = inbox.events.slice(probeCount);
    assert.equal(fresh.length, 1, `expected only the production deployment, got ${JSON.stringify(fresh)}`);
    const [event] = fresh;
    assert.equal(event.environment, 'production');
    assert.equal(event.status, 'ACTIVE');
    assert.equal(event.modelVersion.number, 3);
    assert.equal(event.modelVersion.model.name, model.name);
    assert.ok(inbox.events.every((d) => d.id !== staging.id && d.environment === 'production'), 'a staging deployment was delivered');
  } finally {
    disconnect(transport);
  }
});
