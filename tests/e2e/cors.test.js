'use strict';

// CORS and Origin checks in headless Chromium: pages served on other loopback ports (other origins) call the API
// with fetch and open a GraphQL WebSocket. The API lists one of those origins in Registry__Cors__AllowedOrigins.

const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const http = require('node:http');
const { chromium } = require('playwright-core');
const { chromiumPath, chromiumArgs, requireChromium } = require('./support/chromium');
const { startServer } = require('./support/server');

let server;
let browser;
let allowedPage;
let foreignPage;

/** Serves an empty HTML page on a free loopback port: the origin a browser app would be loaded from. */
function servePage() {
  return new Promise((resolve, reject) => {
    const pageServer = http.createServer((request, response) => {
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      response.end('<!doctype html><title>client app</title><p>client app</p>');
    });
    pageServer.once('error', reject);
    pageServer.listen(0, '127.0.0.1', () => {
      const origin = `http://127.0.0.1:${pageServer.address().port}`;
      resolve({ origin, close: () => new Promise((done) => pageServer.close(done)) });
    });
  });
}

before(async () => {
  requireChromium();
  allowedPage = await servePage();
  foreignPage = await servePage();
  server = await startServer({
    name: 'cors',
    environment: 'Production',
    env: { Registry__Cors__AllowedOrigins: allowedPage.origin },
  });
  browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
});

after(async () => {
  await browser?.close();
  await server?.stop();
  await allowedPage?.close();
  await foreignPage?.close();
});

/** Opens the page of `site` and runs `script` in it with the API's URL and key. */
async function inPage(site, script) {
  const page = await browser.newPage();
  try {
    await page.goto(site.origin, { waitUntil: 'domcontentloaded' });
    return await page.evaluate(script, { api: server.url, key: server.adminKey });
  } finally {
    await page.close();
  }
}

// A POST with JSON and an API key is not a "simple" request: the browser preflights it, so this covers the preflight too.
async function fetchTypename({ api, key }) {
  try {
    const response = await fetch(`${api}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': key },
      body: JSON.stringify({ query: '{ __typename }' }),
    });
    return { status: response.status, body: await response.json() };
  } catch (error) {
    return { error: String(error) };
  }
}

// Resolves to 'open' once the server acknowledged connection_init, or to how the socket ended.
function openSocket({ api, key }) {
  return new Promise((resolve) => {
    const socket = new WebSocket(`${api.replace('http', 'ws')}/graphql`, 'graphql-transport-ws');
    socket.onopen = () => socket.send(JSON.stringify({ type: 'connection_init', payload: { 'X-Api-Key': key } }));
    socket.onmessage = (event) => {
      if (JSON.parse(event.data).type === 'connection_ack') {
        socket.close();
        resolve('open');
      }
    };
    socket.onerror = () => resolve('error');
    socket.onclose = (event) => resolve(`closed ${event.code}`);
  });
}

test('a page on an allowed origin calls /graphql with fetch', async () => {
  const result = await inPage(allowedPage, fetchTypename);

  assert.equal(result.error, undefined, `fetch failed: ${result.error}`);
  assert.equal(result.status, 200);
  assert.deepEqual(result.body, { data: { __typename: 'Query' } });
});

test('a page on an origin that is not allowed is blocked by CORS', async () => {
  const result = await inPage(foreignPage, fetchTypename);

  assert.match(result.error ?? '', /Failed to fetch/, `the foreign page read an answer: ${JSON.stringify(result)}`);
});

test('a page on an allowed origin opens a GraphQL WebSocket', async () => {
  assert.equal(await inPage(allowedPage, openSocket), 'open');
});

test('a WebSocket from a page on an origin that is not allowed is refused', async () => {
  const outcome = await inPage(foreignPage, openSocket);

  assert.notEqual(outcome, 'open', 'the foreign page signed a socket in');
});
