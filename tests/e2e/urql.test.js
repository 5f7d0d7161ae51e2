'use strict';

// urql with its default settings against the real server. urql's default Accept header names text/event-stream after
// the JSON types; before content negotiation ranked them, every query came back as an event stream and Node reported
// unhandled AbortErrors. Queries and mutations must come back as JSON, with no unhandled rejection, and graphcache
// configured with the shipped keys must log no warning.

const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const path = require('node:path');
const { Client, cacheExchange, fetchExchange } = require('@urql/core');
const graphcache = require('@urql/exchange-graphcache');
const { startServer, repositoryRoot } = require('./support/server');

const keys = require(path.join(repositoryRoot, 'schema', 'clients', 'graphcache-keys.js'));

let server;
const unhandled = [];
const onUnhandled = (reason) => unhandled.push(reason);

before(async () => {
  process.on('unhandledRejection', onUnhandled);
  server = await startServer({ name: 'urql', environment: 'Production' });
});

after(async () => {
  process.off('unhandledRejection', onUnhandled);
  await server?.stop();
});

function clientWith(exchanges) {
  const contentTypes = [];
  const recordingFetch = async (...args) => {
    const response = await fetch(...args);
    contentTypes.push(response.headers.get('content-type'));
    return response;
  };
  const client = new Client({
    url: `${server.url}/graphql`,
    exchanges,
    fetch: recordingFetch,
    fetchOptions: () => ({ headers: { 'X-Api-Key': server.adminKey } }),
    requestPolicy: 'network-only',
  });
  return { client, contentTypes };
}

test('queries and mutations with the default exchanges come back as JSON with no unhandled rejection', async () => {
  const { client, contentTypes } = clientWith([cacheExchange, fetchExchange]);

  const registered = await client.mutation(
    'mutation($input: RegisterModelInput!) { registerModel(input: $input) { model { id name } errors { code message } } }',
    { input: { name: 'urql-model', task: 'CLASSIFICATION', owner: 'team-urql' } },
  ).toPromise();
  assert.equal(registered.error, undefined, String(registered.error));
  assert.equal(registered.data.registerModel.model.name, 'urql-model');

  for (let i = 0; i < 10; i += 1) {
    const result = await client.query('{ models(first: 5) { totalCount nodes { id name } } }', {}).toPromise();
    assert.equal(result.error, undefined, String(result.error));
    assert.ok(result.data.models.totalCount >= 1);
  }

  assert.ok(contentTypes.length >= 11);
  for (const type of contentTypes) {
    assert.match(type, /^application\/(graphql-response\+)?json/, `answered as ${type}, not JSON`);
  }
  await new Promise((resolve) => setTimeout(resolve, 200));
  assert.deepEqual(unhandled.map(String), []);
});

test('graphcache with the shipped keys normalises a lineage-style query without a warning', async () => {
  const warnings = [];
  const originalWarn = console.warn;
  console.warn = (...args) => warnings.push(args.join(' '));
  try {
    const { client } = clientWith([graphcache.cacheExchange({ keys }), fetchExchange]);
    const result = await client.query(`{
      models(first: 5) { nodes { id name versions(first: 3) { nodes { id number metrics { name value } stageHistory { from to at by } } } } }
      registryEvents(last: 5) { nodes { sequence type actor } }
      me { name kind }
    }`, {}).toPromise();
    assert.equal(result.error, undefined, String(result.error));
    assert.ok(result.data.models.nodes.length >= 1);
  } finally {
    console.warn = originalWarn;
  }
  assert.deepEqual(warnings, []);
});
