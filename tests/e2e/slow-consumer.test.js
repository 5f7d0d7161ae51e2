'use strict';

// A subscriber that stops reading while wide events are written must be closed with 4413 once its buffer passes its
// byte bound, while a subscriber that keeps reading receives every event. Measured against the real server, over real
// TCP: the operating system's socket buffers absorb a few megabytes before the server feels any back-pressure, so the
// bound is set low (1 MiB) and the events are wide (about 13 KB each).

const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const WebSocket = require('ws');
const { startServer } = require('./support/server');

const EVENTS = 'subscription { registryEvents(types: ["VERSION_CREATED"]) { sequence type reason model { name description } } }';
const BATCH = 20;
const EVENTS_WRITTEN = 1 + 30 * BATCH;

let server;

before(async () => {
  server = await startServer({
    name: 'slow-consumer',
    environment: 'Production',
    env: {
      Registry__Limits__RequestsPerMinute: '0',
      Registry__Limits__SubscriptionBufferBytes: String(1024 * 1024),
    },
  });
});

after(async () => {
  await server?.stop();
});

async function graphql(query, variables) {
  const response = await fetch(`${server.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-api-key': server.adminKey },
    body: JSON.stringify({ query, variables }),
  });
  assert.equal(response.status, 200);
  const body = await response.json();
  assert.equal(body.errors, undefined, JSON.stringify(body.errors));
  return body.data;
}

/** Opens a graphql-transport-ws socket signed in as the admin and subscribes; resolves once the subscription is live. */
async function subscribe() {
  const socket = new WebSocket(`${server.url.replace('http', 'ws')}/graphql`, 'graphql-transport-ws');
  const state = { socket, closed: null, received: 0 };
  socket.on('close', (code, reason) => {
    state.closed = { code, reason: String(reason) };
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
    }
  });
  socket.send(JSON.stringify({ id: 'events', type: 'subscribe', payload: { query: EVENTS } }));
  return state;
}

test('a subscriber that stops reading is closed with 4413 while one that reads gets every event', async () => {
  const model = await graphql(
    'mutation($input: RegisterModelInput!) { registerModel(input: $input) { model { id } } }',
    { input: { name: 'wide-events', task: 'CLASSIFICATION', owner: 'team-slow', description: 'd'.repeat(9000) } },
  );
  const modelId = model.registerModel.model.id;

  const reader = await subscribe();
  const stalled = await subscribe();
  // Let both subscriptions go live before the stalled one stops reading.
  await graphql(`mutation($m: ID!) { createModelVersion(input: { modelId: $m }) { errors { code } } }`, { m: modelId });
  const deadline = Date.now() + 60_000;
  while ((reader.received < 1 || stalled.received < 1) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  assert.equal(stalled.received, 1, 'the stalled subscriber received the first event before it stopped reading');
  stalled.socket._socket.pause();

  const fields = Array.from({ length: BATCH }, (_, i) =>
    `v${i}: createModelVersion(input: { modelId: $m, reason: $r }) { errors { code } }`).join(' ');
  // About 8 MB of events: more than the operating system's socket buffers (about 4 MB on loopback) and the 1 MiB bound
  // together. The server then waits (up to 30 s) for the stalled client to read again, so that it reads the 4413.
  let written = 1;
  while (written < EVENTS_WRITTEN) {
    await graphql(`mutation($m: ID!, $r: String) { ${fields} }`, { m: modelId, r: 'r'.repeat(4000) });
    written += BATCH;
  }
  stalled.socket._socket.resume();
  const closeDeadline = Date.now() + 30_000;
  while (!stalled.closed && Date.now() < closeDeadline) {
    await new Promise((resolve) => setTimeout(resolve, 100));
  }

  assert.ok(stalled.closed, `the stalled subscriber was never closed (${written} events written)`);
  assert.equal(stalled.closed.code, 4413, JSON.stringify(stalled.closed));
  assert.ok(stalled.received < written, `the stalled subscriber received all ${written} events`);

  const readerDeadline = Date.now() + 60_000;
  while (reader.received < written && Date.now() < readerDeadline) {
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  assert.equal(reader.received, written, 'the reading subscriber received every event');
  assert.equal(reader.closed, null, 'the reading subscriber stayed open');
  reader.socket.close();
});
