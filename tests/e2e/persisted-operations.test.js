'use strict';

// Persisted operations with the real Apollo Client 4: its persisted-query link sends a SHA-256 hash first, is told
// PERSISTED_QUERY_NOT_FOUND, retries with the text (which the server checks and stores), and the next run hits by hash,
// over POST and over GET (so that CDNs can cache). In only-persisted mode a manifest document runs and an ad-hoc one is
// refused with PERSISTED_QUERY_ONLY.

const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const crypto = require('node:crypto');
const fsp = require('node:fs/promises');
const os = require('node:os');
const path = require('node:path');
const { print, parse } = require('graphql');
const { ApolloClient, InMemoryCache, HttpLink, gql } = require('@apollo/client');
const { PersistedQueryLink } = require('@apollo/client/link/persisted-queries');
const { startServer } = require('./support/server');

const sha256 = (text) => crypto.createHash('sha256').update(text).digest('hex');

// Root-only selections: Apollo adds __typename to nested selection sets, so the text it hashes would differ from these.
const TRUSTED = 'query TrustedTypename { trusted: __typename }';
const AD_HOC = 'query AdHoc { adHoc: __typename }';

let apqServer;
let onlyServer;
let manifestDirectory;

before(async () => {
  manifestDirectory = await fsp.mkdtemp(path.join(os.tmpdir(), 'registry-e2e-manifest-'));
  const manifestPath = path.join(manifestDirectory, 'persisted-documents.json');
  // The shape graphql-codegen's client preset writes: { "<sha256>": "<document>" }, of the text Apollo will send.
  const printed = print(parse(TRUSTED));
  await fsp.writeFile(manifestPath, JSON.stringify({ [sha256(printed)]: printed }));
  apqServer = await startServer({ name: 'apq' });
  onlyServer = await startServer({
    name: 'persisted-only',
    env: {
      Registry__GraphQL__PersistedOperations__ManifestPath: manifestPath,
      Registry__GraphQL__PersistedOperations__Only: 'true',
    },
  });
});

after(async () => {
  await apqServer?.stop();
  await onlyServer?.stop();
  if (manifestDirectory) {
    await fsp.rm(manifestDirectory, { recursive: true, force: true });
  }
});

/** An Apollo Client with the persisted-query link; `exchanges` records each HTTP request and its answer. */
function apolloClient(server, { useGETForHashedQueries = false } = {}) {
  const exchanges = [];
  const recordingFetch = async (url, init) => {
    const response = await fetch(url, init);
    const text = await response.clone().text();
    exchanges.push({
      method: init?.method ?? 'GET',
      url: String(url),
      body: init?.body ? JSON.parse(init.body) : undefined,
      status: response.status,
      answer: JSON.parse(text),
    });
    return response;
  };
  const link = new PersistedQueryLink({ sha256, useGETForHashedQueries }).concat(
    new HttpLink({ uri: `${server.url}/graphql`, headers: { 'x-api-key': server.adminKey }, fetch: recordingFetch }),
  );
  const client = new ApolloClient({ link, cache: new InMemoryCache() });
  return { client, exchanges };
}

const codeOf = (answer) => answer?.errors?.[0]?.extensions?.code;

async function missThenHit(useGETForHashedQueries) {
  const { client, exchanges } = apolloClient(apqServer, { useGETForHashedQueries });
  const query = gql`query Catalogue${useGETForHashedQueries ? 'Get' : 'Post'} { models(first: 3) { totalCount } }`;

  const first = await client.query({ query, fetchPolicy: 'network-only' });
  const second = await client.query({ query, fetchPolicy: 'network-only' });

  assert.equal(typeof first.data.models.totalCount, 'number');
  assert.deepEqual(second.data, first.data);
  return exchanges;
}

test('Apollo over POST: the first hash misses, the link retries with the text, the next run hits by hash', async () => {
  const [miss, retry, hit] = await missThenHit(false);

  assert.equal(miss.method, 'POST');
  assert.equal(miss.body.query, undefined);
  assert.equal(miss.status, 200);
  assert.equal(codeOf(miss.answer), 'PERSISTED_QUERY_NOT_FOUND');
  assert.equal(typeof retry.body.query, 'string');
  assert.equal(retry.body.extensions.persistedQuery.sha256Hash, sha256(retry.body.query));
  assert.equal(retry.answer.errors, undefined);
  assert.equal(hit.method, 'POST');
  assert.equal(hit.body.query, undefined);
  assert.equal(hit.answer.errors, undefined);
});

test('Apollo over GET: hashed queries go as cacheable GETs, and the registered hash hits', async () => {
  const [miss, retry, hit] = await missThenHit(true);

  assert.equal(miss.method, 'GET');
  assert.match(miss.url, /extensions=/);
  assert.doesNotMatch(miss.url, /[?&]query=/);
  assert.equal(codeOf(miss.answer), 'PERSISTED_QUERY_NOT_FOUND');
  assert.equal(retry.method, 'POST');
  assert.equal(hit.method, 'GET');
  assert.equal(hit.status, 200);
  assert.equal(hit.answer.errors, undefined);
});

test('A hash that does not match the text is refused with PERSISTED_QUERY_HASH_MISMATCH', async () => {
  const response = await fetch(`${apqServer.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-api-key': apqServer.adminKey },
    body: JSON.stringify({ query: AD_HOC, extensions: { persistedQuery: { version: 1, sha256Hash: sha256(TRUSTED) } } }),
  });

  assert.equal(response.status, 400);
  assert.equal(codeOf(await response.json()), 'PERSISTED_QUERY_HASH_MISMATCH');
});

test('Only-persisted mode: a manifest document runs through Apollo by its hash', async () => {
  const { client, exchanges } = apolloClient(onlyServer);

  const result = await client.query({ query: gql(TRUSTED), fetchPolicy: 'network-only' });

  assert.equal(result.data.trusted, 'Query');
  assert.equal(exchanges.length, 1);
  assert.equal(exchanges[0].body.query, undefined);
});

test('Only-persisted mode: an ad-hoc document is refused with PERSISTED_QUERY_ONLY', async () => {
  const { client, exchanges } = apolloClient(onlyServer);

  await assert.rejects(client.query({ query: gql(AD_HOC), fetchPolicy: 'network-only' }));

  const last = exchanges.at(-1);
  assert.equal(typeof last.body.query, 'string');
  assert.equal(codeOf(last.answer), 'PERSISTED_QUERY_ONLY');
  const plain = await fetch(`${onlyServer.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-api-key': onlyServer.adminKey },
    body: JSON.stringify({ query: AD_HOC }),
  });
  assert.equal(codeOf(await plain.json()), 'PERSISTED_QUERY_ONLY');
});
