'use strict';

// The Api must start and report healthy outside Development too, as it does in the container.

const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { startServer } = require('./support/server');

let server;

before(async () => {
  server = await startServer({ name: 'health', environment: 'Production' });
});

after(async () => {
  await server?.stop();
});

test('Api started in Production answers GET /healthz with 200', async () => {
  const response = await fetch(`${server.url}/healthz`);

  assert.equal(response.status, 200);
});

test('Api in Production refuses anonymous requests outside /healthz and the IDE with 401, and 404s unknown paths for signed-in callers', async () => {
  const anonymous = await fetch(`${server.url}/no-such-endpoint`);
  const signedIn = await fetch(`${server.url}/no-such-endpoint`, { headers: { 'x-api-key': server.adminKey } });
  const health = await fetch(`${server.url}/healthz`);

  assert.equal(anonymous.status, 401);
  assert.equal(signedIn.status, 404);
  assert.equal(health.status, 200);
});

test('Api started in Production refuses an anonymous POST /graphql with 401 UNAUTHENTICATED and accepts the admin key', async () => {
  const body = JSON.stringify({ query: '{ __typename }' });
  const anonymous = await fetch(`${server.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
  const signedIn = await fetch(`${server.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-api-key': server.adminKey },
    body,
  });

  assert.equal(anonymous.status, 401);
  assert.equal((await anonymous.json()).errors[0].extensions.code, 'UNAUTHENTICATED');
  assert.equal(signedIn.status, 200);
  assert.deepEqual((await signedIn.json()).data, { __typename: 'Query' });
});

// A WebSocket in Production authenticates in connection_init: with the key it is served, without it closes with 4403.
test('Api in Production serves a WebSocket whose connection_init carries the key and closes an anonymous one with 4403', async () => {
  const { createClient } = require('graphql-ws');
  const WebSocket = require('ws');
  const url = server.url.replace(/^http/, 'ws') + '/graphql';
  const run = (connectionParams) => new Promise((resolve) => {
    const client = createClient({ url, webSocketImpl: WebSocket, connectionParams, retryAttempts: 0, lazy: true });
    client.subscribe({ query: '{ __typename }' }, {
      next: (message) => { client.dispose(); resolve({ data: message.data }); },
      error: (error) => { client.dispose(); resolve({ code: error?.code }); },
      complete: () => {},
    });
  });

  const signedIn = await run({ 'X-Api-Key': server.adminKey });
  const anonymous = await run({});

  assert.deepEqual(signedIn.data, { __typename: 'Query' });
  assert.equal(anonymous.code, 4403);
});
