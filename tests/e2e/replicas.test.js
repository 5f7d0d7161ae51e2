'use strict';

// Two API replicas on one PostgreSQL database, with nginx in front (support/replicas.js): the topology of the compose
// `scale` profile and the README's "Run at scale". To every client the two must look like one registry: one write
// path (gap-free version numbers and audit sequences, one hash chain), events delivered by whichever replica a client
// is connected to, signed download URLs valid on both, webhooks fired once, and a replica's crash losing nothing that
// was acknowledged. Both replicas start at the same moment on an empty database in `before`, and again in the last
// test on a database of their own.
//
// Figures (cross-replica latency, what the kill test saw) are printed with console.log for the closing notes.

const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const crypto = require('node:crypto');
const fsp = require('node:fs/promises');
const http = require('node:http');
const os = require('node:os');
const path = require('node:path');
const { startServer, delay } = require('./support/server');
const { startTopology } = require('./support/replicas');
const { createRegistryClient } = require('./support/registry');
const { createInbox, transports } = require('./support/live-clients');

const PROMOTED = `
  subscription Promoted($modelId: ID) {
    modelVersionPromoted(modelId: $modelId) {
      sequence from to at
      modelVersion { id number }
    }
  }`;

const EVENTS = `
  subscription Events($after: Long) {
    registryEvents(after: $after) { sequence type }
  }`;

const VERSIONS = `
  query Versions($name: String!, $after: String) {
    model(name: $name) {
      versions(first: 100, after: $after) { nodes { id number } pageInfo { hasNextPage endCursor } }
    }
  }`;

const EVENTS_AFTER = `
  query EventsAfter($from: Long!, $after: String) {
    registryEvents(first: 100, after: $after, where: { sequence: { gt: $from } }) {
      nodes { sequence type }
      pageInfo { hasNextPage endCursor }
    }
  }`;

const VERIFY = `query Verify { verifyAuditTrail { valid checked firstBrokenSequence tamper } }`;

const ARTIFACTS = `
  query Artifacts($id: ID!) {
    node(id: $id) { ... on ModelVersion { artifacts { name sha256 downloadUrl } } }
  }`;

const CREATE_WEBHOOK = `
  mutation CreateWebhook($input: CreateWebhookInput!) {
    createWebhook(input: $input) { webhook { id } errors { code message } }
  }`;

/** How long a new subscription may take to go live on a busy machine (see subscriptions.test.js). */
const readinessMs = 120_000;

let topology;
let viaA;
let viaB;
let viaProxy;
let modelCount = 0;
const open = new Set();

before(async () => {
  topology = await startTopology({ name: 'replicas' });
  viaA = createRegistryClient(topology.a.url, { apiKey: topology.adminKey });
  viaB = createRegistryClient(topology.b.url, { apiKey: topology.adminKey });
  viaProxy = createRegistryClient(topology.proxy.url, { apiKey: topology.adminKey });
});

after(async () => {
  for (const transport of open) {
    transport.close();
  }
  await topology?.stop();
});

function connect(kind, url) {
  const transport = transports[kind](url);
  open.add(transport);
  return transport;
}

function disconnect(transport) {
  transport.close();
  open.delete(transport);
}

async function freshModel(label, client = viaA) {
  modelCount += 1;
  return client.registerModel(`replicas-${label}-${modelCount}`);
}

/** Every version of a model as one replica reads it, following the pages. */
async function versionsOf(client, name) {
  const versions = [];
  let cursor = null;
  for (;;) {
    const page = (await client.query(VERSIONS, { name, after: cursor })).model.versions;
    versions.push(...page.nodes);
    if (!page.pageInfo.hasNextPage) return versions;
    cursor = page.pageInfo.endCursor;
  }
}

/** Every event after a sequence as one replica reads it, following the pages. */
async function eventsAfter(client, from) {
  const events = [];
  let cursor = null;
  for (;;) {
    const page = (await client.query(EVENTS_AFTER, { from, after: cursor })).registryEvents;
    events.push(...page.nodes.map((node) => ({ sequence: Number(node.sequence), type: node.type })));
    if (!page.pageInfo.hasNextPage) return events;
    cursor = page.pageInfo.endCursor;
  }
}

async function assertChainVerifies(client, label) {
  const verification = (await client.query(VERIFY)).verifyAuditTrail;
  assert.equal(verification.valid, true, `${label}: the audit chain does not verify: ${JSON.stringify(verification)}`);
  assert.ok(Number(verification.checked) > 0, `${label}: verifyAuditTrail checked no event`);
  return verification;
}

function range(first, last) {
  return Array.from({ length: last - first + 1 }, (_, i) => first + i);
}

/** Waits until the inbox holds every sequence up to `last`, then checks they run gap-free from `first`. */
async function expectSequences(inbox, first, last, label, ms = 30_000) {
  await inbox.waitFor((events) => events.some((e) => Number(e.sequence) >= last), `${label} up to ${last}`, ms);
  const sequences = inbox.events.map((e) => Number(e.sequence));
  assert.deepEqual(sequences, range(first, last), `${label}: sequences must run ${first}..${last} once each, in order`);
}

/** An inbox that also records when each result reached the client. */
function timedInbox() {
  const inbox = createInbox();
  const receivedAt = [];
  return {
    inbox,
    receivedAt,
    sink: {
      next(result) {
        receivedAt.push(Date.now());
        inbox.next(result);
      },
      error: (error) => inbox.error(error),
      complete: () => inbox.complete(),
    },
  };
}

function percentile(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

test('40 concurrent createModelVersion calls split across both replicas number the versions 1..40, and the chain verifies on both', async () => {
  const model = await freshModel('concurrent');

  const started = Date.now();
  const created = await Promise.all(
    range(1, 40).map((i) => (i % 2 === 0 ? viaA : viaB).createModelVersion(model.id)),
  );
  const elapsed = Date.now() - started;
  console.log(`40 concurrent createModelVersion over two replicas: ${elapsed} ms (${((40 * 1000) / elapsed).toFixed(1)} versions/s)`);

  assert.deepEqual(created.map((v) => v.number).sort((x, y) => x - y), range(1, 40), 'numbers must be 1..40 with no gap and no duplicate');
  assert.equal(new Set(created.map((v) => v.id)).size, 40);
  for (const [label, client] of [['A', viaA], ['B', viaB]]) {
    const versions = await versionsOf(client, model.name);
    assert.deepEqual(versions.map((v) => v.number), range(1, 40), `replica ${label} reads other versions`);
    await assertChainVerifies(client, `replica ${label}`);
  }

  // The audit log itself is gap-free, whichever replica wrote each event.
  const events = await eventsAfter(viaB, 0);
  assert.deepEqual(events.map((e) => e.sequence), range(1, events.length), 'audit sequences must be gap-free');
  assert.ok(events.filter((e) => e.type === 'VERSION_CREATED').length >= 40);
});

test('a graphql-ws subscriber on replica B receives every promotion made through replica A', async () => {
  const model = await freshModel('promotions');
  const probe = await viaA.createModelVersion(model.id);
  const target = await viaA.createModelVersion(model.id);
  const transport = connect('graphqlWs', topology.b.url);
  try {
    const { inbox, sink, receivedAt } = timedInbox();
    transport.subscribe({ query: PROMOTED, variables: { modelId: model.id } }, sink);

    // Readiness: promotions through A of a probe version until one reaches the subscriber on B.
    const deadline = Date.now() + readinessMs;
    let stage = 'DEVELOPMENT';
    while (!inbox.events.some((e) => e.modelVersion.id === probe.id)) {
      assert.ok(Date.now() < deadline, `no promotion made through A reached B within ${readinessMs / 1000} s`);
      stage = stage === 'DEVELOPMENT' ? 'STAGING' : 'DEVELOPMENT';
      await viaA.promote(probe.id, stage, 'readiness probe');
      await inbox.waitFor((events) => events.some((e) => e.modelVersion.id === probe.id), 'a probe event', 500).catch((error) => {
        if (inbox.errors.length > 0) throw error;
      });
    }

    // Twenty stage changes, one at a time, each timed from its commit (the event's `at`) to its arrival on B.
    const samples = [];
    const afterResponse = [];
    let targetStage = 'DEVELOPMENT';
    for (let i = 0; i < 20; i += 1) {
      targetStage = targetStage === 'DEVELOPMENT' ? 'STAGING' : 'DEVELOPMENT';
      const index = inbox.events.length;
      await viaA.promote(target.id, targetStage, `cross-replica ${i}`);
      const answeredAt = Date.now();
      await inbox.waitFor(
        (events) => events.slice(index).some((e) => e.modelVersion.id === target.id && e.to === targetStage),
        `promotion ${i} of the target`,
      );
      const at = index + inbox.events.slice(index).findIndex((e) => e.modelVersion.id === target.id && e.to === targetStage);
      samples.push(receivedAt[at] - Date.parse(inbox.events[at].at));
      afterResponse.push(receivedAt[at] - answeredAt);
    }

    const sorted = [...samples].sort((x, y) => x - y);
    console.log(
      `cross-replica promotion latency, A's commit to B's graphql-ws client (${samples.length} samples): ` +
        `median ${percentile(sorted, 50)} ms, p95 ${percentile(sorted, 95)} ms, max ${sorted.at(-1)} ms; ` +
        `after A's HTTP answer: median ${percentile([...afterResponse].sort((x, y) => x - y), 50)} ms`,
    );
    const targetEvents = inbox.events.filter((e) => e.modelVersion.id === target.id);
    assert.equal(targetEvents.length, 20, 'every promotion arrives once');
    const sequences = inbox.events.map((e) => Number(e.sequence));
    assert.deepEqual(sequences, [...sequences].sort((x, y) => x - y), 'promotions arrive in commit order');
    assert.deepEqual(inbox.errors, []);
  } finally {
    disconnect(transport);
  }
});

test('registryEvents(after:) resumed on the other replica replays the events missed, with no gap and no duplicate', async () => {
  const model = await freshModel('resume');
  const version = await viaA.createModelVersion(model.id);
  const start = await viaA.latestSequence();

  // First connection on A: replays from `start`, then goes live.
  const first = connect('graphqlWs', topology.a.url);
  const firstInbox = createInbox();
  first.subscribe({ query: EVENTS, variables: { after: start } }, firstInbox);
  await viaA.promote(version.id, 'STAGING', 'through A, to staging');
  await viaB.promote(version.id, 'DEVELOPMENT', 'through B, back to development');
  const seenUpTo = await viaA.latestSequence();
  await expectSequences(firstInbox, start + 1, seenUpTo, 'the subscriber on A');

  // It drops; both replicas keep writing while it is away.
  first.terminate();
  open.delete(first);
  await viaB.promote(version.id, 'STAGING', 'while away, through B');
  await viaA.promote(version.id, 'DEVELOPMENT', 'while away, through A');
  await viaB.promote(version.id, 'STAGING', 'while away, through B again');
  const missedUpTo = await viaB.latestSequence();
  const lastSeen = Number(firstInbox.events.at(-1).sequence);
  assert.equal(lastSeen, seenUpTo, 'the dropped connection still received events');

  // It comes back on B, from the last sequence it saw: the missed events first, then live ones from both replicas.
  const second = connect('graphqlWs', topology.b.url);
  try {
    const secondInbox = createInbox();
    second.subscribe({ query: EVENTS, variables: { after: lastSeen } }, secondInbox);
    await expectSequences(secondInbox, lastSeen + 1, missedUpTo, 'the replay on B');

    await viaA.promote(version.id, 'DEVELOPMENT', 'live, through A');
    await viaB.promote(version.id, 'STAGING', 'live, through B');
    const liveUpTo = await viaA.latestSequence();
    await expectSequences(secondInbox, lastSeen + 1, liveUpTo, 'the replay on B followed by live events');
    assert.equal(secondInbox.events.filter((e) => e.type === 'STAGE_CHANGED').length, 5);
  } finally {
    disconnect(second);
  }
});

test('a downloadUrl minted by replica A downloads through replica B', async () => {
  const model = await freshModel('artifacts');
  const version = await viaA.createModelVersion(model.id);
  const bytes = crypto.randomBytes(256 * 1024);
  const sha256 = crypto.createHash('sha256').update(bytes).digest('hex');

  const upload = await fetch(`${topology.a.url}/artifacts/${encodeURIComponent(version.id)}/weights.bin`, {
    method: 'PUT',
    headers: { 'x-api-key': topology.adminKey, 'content-type': 'application/octet-stream', 'x-content-sha256': sha256 },
    body: bytes,
  });
  const uploaded = await upload.json();
  assert.equal(upload.status, 201, JSON.stringify(uploaded));

  // The URL of the upload answer, and the one GraphQL on A hands out, are both signed by A.
  const listed = (await viaA.query(ARTIFACTS, { id: version.id })).node.artifacts;
  assert.equal(listed.length, 1);
  assert.equal(listed[0].sha256, sha256);
  for (const downloadUrl of [uploaded.downloadUrl, listed[0].downloadUrl]) {
    const download = await fetch(`${topology.b.url}${downloadUrl}`);
    const body = Buffer.from(await download.arrayBuffer());
    assert.equal(download.status, 200, `B refused A's URL ${downloadUrl}: ${body.toString('utf8', 0, 300)}`);
    assert.equal(body.length, bytes.length);
    assert.ok(body.equals(bytes), 'B served other bytes than A stored');
  }
});

test('a webhook fires exactly once per event, whichever replica committed it', async () => {
  const deliveries = [];
  const receiver = http.createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => {
      body += chunk;
    });
    request.on('end', () => {
      deliveries.push({ sequence: Number(request.headers['x-registry-sequence']), type: request.headers['x-registry-event'], body });
      response.writeHead(200).end();
    });
  });
  await new Promise((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  try {
    const model = await freshModel('webhooks');
    const version = await viaA.createModelVersion(model.id);
    const created = (
      await viaA.query(CREATE_WEBHOOK, {
        input: {
          url: `http://127.0.0.1:${receiver.address().port}/hooks/registry`,
          eventTypes: ['STAGE_CHANGED'],
          secret: 'replica suite webhook secret',
        },
      })
    ).createWebhook;
    assert.deepEqual(created.errors ?? [], []);
    const start = await viaA.latestSequence();

    let stage = 'DEVELOPMENT';
    for (let i = 0; i < 6; i += 1) {
      stage = stage === 'DEVELOPMENT' ? 'STAGING' : 'DEVELOPMENT';
      await (i % 2 === 0 ? viaA : viaB).promote(version.id, stage, `webhook ${i}`);
    }
    const expected = (await eventsAfter(viaB, start)).filter((e) => e.type === 'STAGE_CHANGED').map((e) => e.sequence);
    assert.equal(expected.length, 6);

    // Deliveries go through the shared job queue; give them time, then as long again for any duplicate to show.
    const writtenAt = Date.now();
    while (!expected.every((sequence) => deliveries.some((d) => d.sequence === sequence))) {
      assert.ok(Date.now() < writtenAt + 120_000, `deliveries after 120 s: ${JSON.stringify(deliveries.map((d) => d.sequence))}, expected ${expected}`);
      await delay(250);
    }
    const deliveredAfter = Date.now() - writtenAt;
    await delay(Math.max(5_000, deliveredAfter));

    const received = deliveries.map((d) => d.sequence).sort((x, y) => x - y);
    console.log(`webhook: ${expected.length} events, the last delivered ${deliveredAfter} ms after the writes; ${deliveries.length} deliveries in all`);
    assert.deepEqual(received, expected, 'each event must reach the receiver exactly once');
    assert.ok(deliveries.every((d) => d.type === 'STAGE_CHANGED' && JSON.parse(d.body).sequence === d.sequence));
  } finally {
    await new Promise((resolve) => receiver.close(resolve));
  }
});

test('kill -9 of replica A in a write burst through the proxy: B keeps serving, acknowledged writes stay, the chain verifies, B\'s subscriber misses nothing', async () => {
  const model = await freshModel('kill', viaProxy);
  const start = await viaB.latestSequence();
  const subscriber = connect('graphqlWs', topology.b.url);
  const inbox = createInbox();
  subscriber.subscribe({ query: EVENTS, variables: { after: start } }, inbox);

  const acknowledged = [];
  const failures = [];
  let killedAt = null;
  let done = false;
  async function writer() {
    while (!done) {
      try {
        const version = await viaProxy.createModelVersion(model.id);
        acknowledged.push({ ...version, answeredAt: Date.now() });
      } catch (error) {
        failures.push({ at: Date.now(), message: error.message.slice(0, 200) });
      }
    }
  }

  const writers = Array.from({ length: 8 }, writer);
  const burstDeadline = Date.now() + 120_000;
  while (acknowledged.length < 20) {
    assert.ok(Date.now() < burstDeadline, `the burst acknowledged only ${acknowledged.length} writes`);
    await delay(10);
  }
  const killStartedAt = Date.now();
  await topology.kill('a');
  // Answers between the signal and the exit may still be A's; "after the kill" starts once A is gone.
  killedAt = Date.now();
  while (acknowledged.filter((v) => v.answeredAt > killedAt).length < 40 && Date.now() < killedAt + 60_000) {
    await delay(10);
  }
  done = true;
  await Promise.all(writers);

  const afterKill = acknowledged.filter((v) => v.answeredAt > killedAt);
  assert.ok(killedAt - killStartedAt < 5_000, 'A did not die at once on SIGKILL');
  const firstAfterKill = afterKill.length > 0 ? Math.min(...afterKill.map((v) => v.answeredAt)) - killedAt : null;
  console.log(
    `kill -9 of A: ${acknowledged.length - afterKill.length} writes acknowledged before, ${afterKill.length} after ` +
      `(first ${firstAfterKill} ms after the kill); ${failures.length} requests failed: ` +
      `${JSON.stringify([...new Set(failures.map((f) => f.message))].slice(0, 3))}`,
  );
  assert.ok(afterKill.length >= 40, `B did not keep serving through the proxy: ${afterKill.length} writes after the kill`);

  // Every acknowledged write is there, and the numbers are still one gap-free sequence.
  const versions = await versionsOf(viaB, model.name);
  const stored = new Map(versions.map((v) => [v.id, v.number]));
  for (const version of acknowledged) {
    assert.equal(stored.get(version.id), version.number, `acknowledged version ${version.number} (${version.id}) is missing`);
  }
  assert.deepEqual(versions.map((v) => v.number), range(1, versions.length), 'version numbers must stay gap-free');
  console.log(`kill -9 of A: ${versions.length} versions stored, ${versions.length - acknowledged.length} applied without an answer`);
  await assertChainVerifies(viaB, 'replica B after the kill');

  // The subscriber on B got every event, those A committed before it died included, in order.
  const latest = await viaB.latestSequence();
  await expectSequences(inbox, start + 1, latest, 'the subscriber on B');
  disconnect(subscriber);

  // A comes back on its data directory and serves the same registry.
  await topology.restart('a');
  assert.deepEqual((await versionsOf(viaA, model.name)).map((v) => v.number), range(1, versions.length));
  await assertChainVerifies(viaA, 'replica A after its restart');
  const after = await viaProxy.createModelVersion(model.id);
  assert.equal(after.number, versions.length + 1);
});

test('two replicas started at the same moment on an empty database both serve, and the migrations ran once', async () => {
  await topology.cluster.createDatabase('race');
  const keys = await fsp.mkdtemp(path.join(os.tmpdir(), 'registry-e2e-race-keys-'));
  // A key file neither replica has yet: they also race to create it.
  const env = topology.replicaEnvironment('race', path.join(keys, 'audit-anchor.key'));
  const started = await Promise.allSettled([startServer({ name: 'replicas-race-1', env }), startServer({ name: 'replicas-race-2', env })]);
  const servers = started.filter((result) => result.status === 'fulfilled').map((result) => result.value);
  try {
    const failure = started.find((result) => result.status === 'rejected');
    if (failure) throw failure.reason;
    const [one, two] = servers.map((server) => createRegistryClient(server.url, { apiKey: topology.adminKey }));

    const model = await one.registerModel('race-model');
    await two.createModelVersion(model.id);
    const data = await two.query('query ($name: String!) { model(name: $name) { id latestVersion { number } } }', { name: model.name });
    assert.deepEqual(data.model, { id: model.id, latestVersion: { number: 1 } });
    await assertChainVerifies(one, 'the first racer');
    await assertChainVerifies(two, 'the second racer');

    const applied = Number(await topology.cluster.psql('select count(*) from "__EFMigrationsHistory"', 'race'));
    const duplicates = await topology.cluster.psql(
      'select "MigrationId" from "__EFMigrationsHistory" group by 1 having count(*) > 1',
      'race',
    );
    assert.ok(applied > 0, 'no migration was recorded');
    assert.equal(duplicates, '', `migrations recorded twice: ${duplicates}`);
  } finally {
    await Promise.all(servers.map((server) => server.stop()));
    await fsp.rm(keys, { recursive: true, force: true });
  }
});
