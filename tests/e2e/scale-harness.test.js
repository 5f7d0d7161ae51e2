'use strict';

// The pieces of the scale-out topology on their own, so a failure of the replica suite points at the registry and not
// at its harness: the throwaway PostgreSQL cluster of scripts/postgres.sh, and nginx running the shipped
// deploy/nginx/registry.conf in front of one embedded API (HTTP, a graphql-ws subscription, an event stream).

const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const { startServer } = require('./support/server');
const { startCluster, startProxy } = require('./support/replicas');
const { createRegistryClient } = require('./support/registry');
const { createInbox, transports } = require('./support/live-clients');

const EVENTS = `
  subscription Events($after: Long) {
    registryEvents(after: $after) { sequence type }
  }`;

let server;
let proxy;

before(async () => {
  server = await startServer({ name: 'scale-harness' });
  // The shipped config names two upstream servers; both point at the one API here.
  proxy = await startProxy([server.port, server.port], { name: 'scale-harness-nginx' });
});

after(async () => {
  await proxy?.stop();
  await server?.stop();
});

test('scripts/postgres.sh starts PostgreSQL 15 on loopback with the C.UTF-8 locale, and stop removes the cluster', async () => {
  const cluster = await startCluster();
  try {
    assert.match(cluster.adminConnection, /^Host=127\.0\.0\.1;Port=\d+;Username=postgres$/);
    const [version, listen, collation] = (
      await cluster.psql("select current_setting('server_version_num'), current_setting('listen_addresses'), current_setting('lc_collate')")
    ).split('|');
    assert.ok(Number(version) >= 150000 && Number(version) < 160000, `server_version_num ${version} is not PostgreSQL 15`);
    assert.equal(listen, '127.0.0.1');
    assert.equal(collation, 'C.UTF-8');

    await cluster.createDatabase('registry');
    assert.equal(await cluster.psql('select current_database()', 'registry'), 'registry');
  } finally {
    await cluster.stop();
  }
  assert.equal(fs.existsSync(cluster.directory), false, 'stop left the cluster folder behind');
});

test('nginx with deploy/nginx/registry.conf carries GraphQL over HTTP to the API', async () => {
  const registry = createRegistryClient(proxy.url, { apiKey: server.adminKey });

  const model = await registry.registerModel('through-the-proxy');
  const data = await registry.query('query ($name: String!) { model(name: $name) { id name } }', { name: model.name });

  assert.deepEqual(data.model, { id: model.id, name: 'through-the-proxy' });
});

for (const kind of ['graphqlWs', 'sse']) {
  test(`nginx with deploy/nginx/registry.conf streams registryEvents to a ${kind === 'sse' ? 'graphql-sse' : 'graphql-ws'} subscriber`, async () => {
    const registry = createRegistryClient(proxy.url, { apiKey: server.adminKey });
    const start = await registry.latestSequence();
    const transport = transports[kind](proxy.url);
    try {
      const inbox = createInbox();
      transport.subscribe({ query: EVENTS, variables: { after: start } }, inbox);
      // The event arrives while the stream stays open (the API also asks proxies not to buffer: X-Accel-Buffering).
      await registry.registerModel(`streamed-${kind.toLowerCase()}`);
      const events = await inbox.waitFor((all) => all.length >= 1, 'the MODEL_REGISTERED event', 30_000);
      assert.equal(Number(events[0].sequence), start + 1);
      assert.equal(events[0].type, 'MODEL_REGISTERED');
    } finally {
      transport.close();
    }
  });
}
