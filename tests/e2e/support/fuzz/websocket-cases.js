'use strict';

// Frame scripts for both WebSocket protocols (graphql-transport-ws and the legacy graphql-ws): garbage, messages out
// of order, duplicate and huge ids, binary frames, invalid UTF-8, subscribe before init. Each frame says whether the
// server owes an answer to it (a message or a close), which the runner waits for.

const { validOperation, fuzzDocument } = require('./documents');
const { isQuietSubscription } = require('./quiet');
const { fuzzVariables, hostileValue } = require('./variables');
const { toJsonText } = require('./json-text');
const { fakeJwt } = require('./http-cases');

const MODERN = 'graphql-transport-ws';
const LEGACY = 'graphql-ws';

function initPayload(random) {
  return random.weighted([
    [10, { 'X-Api-Key': '{{admin}}' }],
    [2, { 'X-Api-Key': '{{contributor}}' }],
    [1, { 'X-Api-Key': '{{norole}}' }],
    [2, {}],
    [1, undefined],
    [1, () => ({ 'X-Api-Key': random.pick(['', 'nope', 'x'.repeat(10_000), '{{admin}} ']) })],
    [1, () => ({ Authorization: `Bearer ${fakeJwt(random)}` })],
    [1, () => ({ headers: { 'X-Api-Key': '{{admin}}' } })],
    [1, () => hostileValue(random)],
  ]);
}

function frame(value, expects) {
  return { text: typeof value === 'string' ? value : toJsonText(value), expects };
}

function operationPayload(random, context) {
  const document = random.chance(0.7) ? validOperation(random, context) : fuzzDocument(random, context);
  return {
    payload: { query: document.text, variables: fuzzVariables(document.variables, random, context), operationName: random.chance(0.1) ? 'Nope' : undefined },
    quiet: isQuietSubscription(document.text),
  };
}

function idFor(random, used) {
  const id = random.weighted([
    [6, () => String(used.length + 1)],
    [2, () => (used.length ? random.pick(used) : '1')],
    [1, () => random.pick(['', ' ', '\ud800', 'x'.repeat(random.chance(0.9) ? 1000 : 100_000)])],
  ]);
  used.push(id);
  return id;
}

/** Garbage of either protocol: each one must be refused with a message or a close. */
function garbageFrame(random) {
  return random.weighted([
    [3, () => frame(random.pick(['not json', '', '{', '[]', 'null', '1', '"x"', '{}', '{"type":1}', '{"type":null}', '{"type":"unknown"}',
      '{"type":"next","id":"1","payload":{}}', '{"type":"data","id":"1","payload":{}}', '{"type":"connection_ack"}', '{"type":"ka"}',
      '{"type":"subscribe"}', '{"type":"subscribe","id":1,"payload":{}}', '{"type":"subscribe","id":"1","payload":"x"}', '{"type":"start","id":{}}',
      '{"type":"subscribe","id":"1","payload":{"query":1}}', '{"type":"CONNECTION_INIT"}', `{"type":"${'x'.repeat(5000)}"}`,
      '{"type":"connection_init","payload":"\\ud800"}', '{"type":"ping","payload":1e400}']), 'answer')],
    [1, () => frame(`${'{"a":'.repeat(random.pick([64, 65, 300]))}1${'}'.repeat(random.pick([64, 65, 300]))}`, 'answer')],
    [1, () => ({ bytes: Buffer.from(random.pick(['{"type":"ping"}', 'garbage'])), binary: true, expects: 'answer' })],
    [1, () => ({ bytes: Buffer.concat([Buffer.from('{"type":"ping","payload":"'), Buffer.from([0xc3, 0x28, 0xff]), Buffer.from('"}')]), binary: false, expects: 'answer' })],
    [0.2, () => frame({ type: 'ping', payload: { big: 'x'.repeat(random.pick([500_000, 1_100_000])) } }, 'answer')],
  ]);
}

function modernScript(random, context) {
  const frames = [];
  const used = [];
  let initialised = false;
  const count = random.int(1, 8);
  if (random.chance(0.85)) {
    frames.push(frame({ type: 'connection_init', payload: initPayload(random) }, 'answer'));
    initialised = true;
  }
  for (let i = 0; i < count; i += 1) {
    frames.push(random.weighted([
      [5, () => {
        const { payload, quiet } = operationPayload(random, context);
        const id = idFor(random, used);
        return frame({ type: 'subscribe', id, payload }, initialised && quiet ? 'none' : 'answer');
      }],
      [2, () => frame({ type: 'ping', payload: random.chance(0.8) ? undefined : hostileValue(random) }, 'answer')],
      [1, () => frame({ type: 'pong' }, 'none')],
      [2, () => frame({ type: 'complete', id: used.length ? random.pick(used) : '9' }, 'none')],
      [1, () => {
        // The first connection_init acknowledges the socket wherever it comes; a later one closes it (4429).
        const init = frame({ type: 'connection_init', payload: initPayload(random) }, 'answer');
        initialised = true;
        return init;
      }],
      [2, () => garbageFrame(random)],
    ]));
  }
  return frames;
}

function legacyScript(random, context) {
  const frames = [];
  const used = [];
  let initialised = false;
  const count = random.int(1, 8);
  if (random.chance(0.85)) {
    frames.push(frame({ type: 'connection_init', payload: initPayload(random) }, 'answer'));
    initialised = true;
  }
  for (let i = 0; i < count; i += 1) {
    frames.push(random.weighted([
      [5, () => {
        const { payload, quiet } = operationPayload(random, context);
        return frame({ type: 'start', id: idFor(random, used), payload }, initialised && quiet ? 'none' : 'answer');
      }],
      [2, () => frame({ type: 'stop', id: used.length ? random.pick(used) : '9' }, 'none')],
      [1, () => {
        const init = frame({ type: 'connection_init', payload: initPayload(random) }, 'none');
        initialised = true;
        return init;
      }],
      [1, () => frame({ type: 'connection_terminate' }, 'answer')],
      [2, () => garbageFrame(random)],
    ]));
  }
  return frames;
}

/** A WebSocket case: `{ path, protocols, frames }`. */
function websocketCase(random, context) {
  const protocols = random.weighted([
    [10, [MODERN]],
    [8, [LEGACY]],
    [1, [MODERN, LEGACY]],
    [1, []],
    [1, () => [random.pick(['graphql-sse', 'mqtt', 'GRAPHQL-TRANSPORT-WS'])]],
  ]);
  const legacy = protocols[0] === LEGACY;
  const path = random.chance(0.85) ? '/graphql' : random.pick(['/graphql/', '//graphql', '/GraphQL', '/graphql?x=1', '/subscriptions']);
  const frames = legacy ? legacyScript(random, context) : modernScript(random, context);
  return { path, protocols, frames };
}

module.exports = { websocketCase };
