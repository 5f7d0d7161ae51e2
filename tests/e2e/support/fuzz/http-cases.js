'use strict';

// Requests to /graphql: documents, variables, raw JSON bodies, and header, method and path variants. Credentials are
// written as placeholders ({{admin}}, {{contributor}}, {{norole}}) that the runner replaces with this server's keys.

const crypto = require('node:crypto');
const { fuzzDocument, validOperation } = require('./documents');
const { fuzzVariables, hostileValue } = require('./variables');
const { toJsonText, raw } = require('./json-text');
const { fuzzString } = require('./random');
const { isQuietSubscription } = require('./quiet');

const accepts = [
  'application/graphql-response+json',
  'application/json',
  'application/graphql-response+json, application/json;q=0.9',
  '*/*',
  'text/event-stream',
  'text/html',
  'application/xml',
  'application/json; charset=utf-16',
  'application/graphql-response+json; charset=iso-8859-1',
  '',
  ';;;,,,',
  'text/*;q=0, */*;q=0',
];

const contentTypes = [
  'application/json',
  'application/json; charset=utf-8',
  'application/json; charset=UTF-8',
  'application/json;charset="utf-8"',
  'application/json; charset=utf-16',
  'application/json; charset=latin1',
  'application/json; charset=nonsense',
  'application/json; boundary=x; charset=utf-8; charset=utf-16',
  'application/graphql',
  'application/graphql-response+json',
  'text/plain',
  'text/plain; charset=utf-8',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=----x',
  'multipart/form-data',
  'application/JSON',
  'application/json;;;',
  'json',
  '',
  `application/json; x=${'a'.repeat(4000)}`,
];

/** A token shaped like a JWT with a signature nobody issued. */
function fakeJwt(random) {
  const part = (value) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const header = random.pick([{ alg: 'HS256', typ: 'JWT' }, { alg: 'none' }, { alg: 'RS256', kid: '../../x' }, { alg: 'ES256', jku: 'http://127.0.0.1:1/' }]);
  const payload = {
    sub: random.pick(['bootstrap-admin', 'BOOTSTRAP-ADMIN', 'alice', '', undefined, 'x'.repeat(300)]),
    exp: random.pick([0, 1, 4_102_444_800, -1, 1e20]),
    groups: random.chance(0.5) ? ['admins', 'ml'] : undefined,
    aud: random.pick(['registry', 'other', undefined]),
  };
  const signature = random.pick(['', crypto.createHash('sha256').update(String(random.next())).digest('base64url'), 'x']);
  return `${part(header)}.${part(payload)}.${signature}`;
}

/** The credential headers of a request. */
function authHeaders(random) {
  return random.weighted([
    [10, [['X-Api-Key', '{{admin}}']]],
    [3, [['X-Api-Key', '{{contributor}}']]],
    [2, [['X-Api-Key', '{{norole}}']]],
    [2, []],
    [1, [['X-Api-Key', '']]],
    [1, () => [['X-Api-Key', random.pick(['{{admin}}x', ' {{admin}} ', 'mr_0000', 'e2e-', 'x'.repeat(2000), '{{admin}},{{admin}}', '\u00ff\u00fe'])]]],
    [1, () => [['X-Api-Key', '{{norole}}'], ['X-Api-Key', '{{admin}}']]],
    [1, () => [['Authorization', random.pick(['Bearer', 'Bearer ', 'Basic dXNlcjpwYXNz', 'bearer {{admin}}', 'Bearer a.b.c', 'Bearer ....', `Bearer ${'a'.repeat(5000)}`])]]],
    [2, () => [['Authorization', `Bearer ${fakeJwt(random)}`]]],
    [1, () => [['Authorization', `Bearer ${fakeJwt(random)}`], ['X-Api-Key', '{{admin}}']]],
  ]);
}

function jsonRequest(body, random, overrides = {}) {
  return {
    method: 'POST',
    target: '/graphql',
    headers: [['Content-Type', 'application/json'], ['Accept', random.chance(0.8) ? random.pick(accepts.slice(0, 4)) : random.pick(accepts)], ...authHeaders(random)],
    body: Buffer.isBuffer(body) ? body : Buffer.from(body, 'utf8'),
    ...overrides,
  };
}

function operationBody(document, variables, operationName) {
  return toJsonText({ query: document, variables, operationName });
}

/** A document, mostly schema-valid, with fitting variables. */
function documentCase(random, context) {
  const document = fuzzDocument(random, context);
  const variables = fuzzVariables(document.variables, random, context);
  const operationName = random.weighted([[6, undefined], [2, document.name || undefined], [1, () => fuzzString(random)], [1, null]]);
  return { ...jsonRequest(operationBody(document.text, variables, operationName), random), quiet: isQuietSubscription(document.text) };
}

/** A valid document whose variables are wrong, missing or hostile. */
function variablesCase(random, context) {
  let document = validOperation(random, context);
  for (let tries = 0; document.variables.length === 0 && tries < 5; tries += 1) document = validOperation(random, context);
  const variables = random.chance(0.7) ? fuzzVariables(document.variables, random, context) : hostileValue(random);
  // A valid subscription stays quiet over an event stream when its variables are accepted; the quiet mark only waives
  // the demand for an event, so a refusal of the variables is still judged as any answer is.
  return { ...jsonRequest(operationBody(document.text, variables, undefined), random), quiet: isQuietSubscription(document.text) };
}

const typename = '{"query":"{ __typename }"}';

/** True when a body (a BOM aside) is one request for a valid subscription, which an event stream answers only with events. */
function isQuietBody(body) {
  try {
    const parsed = JSON.parse(Buffer.from(body).toString('utf8').replace(/^\ufeff/, ''));
    return typeof parsed?.query === 'string' && isQuietSubscription(parsed.query);
  } catch {
    return false;
  }
}

/** Bodies that are not a well-formed GraphQL request, and content types that do not describe them. */
function bodyCase(random, context) {
  const body = random.weighted([
    [2, ''],
    [1, ' \r\n\t '],
    [2, () => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(random.chance(0.5) ? typename : operationBody(validOperation(random, context).text))])],
    [2, () => Buffer.concat([Buffer.from('{"query":"{ __type'), random.pick([Buffer.from([0xc3, 0x28]), Buffer.from([0xff]), Buffer.from([0xed, 0xa0, 0x80]), Buffer.from([0xf8, 0x88, 0x80, 0x80, 0x80]), Buffer.from([0xc0, 0xaf])]), Buffer.from('name }"}')])],
    [2, () => random.bytes(random.size(64, 4096))],
    [3, () => {
      const text = operationBody(validOperation(random, context).text, {});
      return text.slice(0, random.int(0, text.length - 1));
    }],
    [2, () => random.pick(['null', '[]', '{}', '"{ __typename }"', '1', 'true', '{"query":null}', '{"query":1}', '{"query":["{ __typename }"]}',
      '{"query":{"a":1}}', '{"query":"{ __typename }","operationName":1}', '{"query":"{ __typename }","operationName":{}}',
      '{"query":"{ __typename }","variables":"{}"}', '{"query":"{ __typename }","variables":[1]}', '{"query":"{ __typename }","extensions":1}',
      '{"query":"{ __typename }","extensions":{"persistedQuery":{"version":1,"sha256Hash":"abc"}}}', '{"extensions":{"persistedQuery":{"version":1,"sha256Hash":"abc"}}}',
      '{"query":"{ __typename }"} trailing', '{"query":"{ __typename }"}{"query":"{ __typename }"}', "{'query':'{ __typename }'}",
      '{"query":"{ __typename }",}', '{/* c */"query":"{ __typename }"}', '{"query":NaN}', '{"query":"{ __typename }","variables":{"n":Infinity}}',
      '{"query":"{ __typename }","query":"{ me { name } }"}', '{"query":"\\ud800"}', '{"query":"{ __typename }","operationName":"\\udfff"}',
      '{"query":"{ __typename }","variables":{"s":"\\ud800x"}}', '{"query":"\\u0000"}', '{"query":"{ __typename }","variables":{"n":1e400}}',
      '{"query":"query($n: Float) { __typename }","variables":{"n":-1e400}}', '{"query":"\\"}'])],
    [2, () => `[${Array.from({ length: random.pick([0, 1, 2, 5, 10, 11, 15, 100]) }, () => (random.chance(0.8) ? operationBody(validOperation(random, context).text, {}) : random.pick(['null', '1', '[]', '{}', '"x"']))).join(',')}]`],
    [1, () => `${'['.repeat(random.pick([64, 65, 1000]))}${']'.repeat(random.pick([64, 65, 1000]))}`],
    [1, () => `{"query":"{ __typename }","variables":${toJsonText(hostileValue(random))}}`],
    [1, () => Buffer.from(typename, 'utf16le')],
    [1, () => `query=${encodeURIComponent('{ __typename }')}`],
    [0.5, () => `{"query":"{ __typename }"${' '.repeat(random.chance(0.7) ? 1000 : 1_048_576)}}`],
    [0.2, () => `{"query":"${'a'.repeat(random.pick([1_048_000, 1_100_000]))}"}`],
  ]);
  const contentType = random.chance(0.7) ? 'application/json' : random.pick(contentTypes);
  const request = { ...jsonRequest(body, random), quiet: isQuietBody(body) };
  request.headers = request.headers.filter(([name]) => name !== 'Content-Type');
  if (contentType) request.headers.push(['Content-Type', contentType]);
  return request;
}

/** Percent-encodes text; a lone surrogate, which encodeURIComponent refuses, becomes its (invalid) three UTF-8 bytes. */
function percentEncode(text) {
  let out = '';
  for (const character of text) {
    const code = character.codePointAt(0);
    out += code >= 0xd800 && code <= 0xdfff
      ? [0xe0 | (code >> 12), 0x80 | ((code >> 6) & 63), 0x80 | (code & 63)].map((byte) => `%${byte.toString(16).toUpperCase()}`).join('')
      : encodeURIComponent(character);
  }
  return out;
}

const paths = ['/graphql', '/graphql/', '//graphql', '/GraphQL?x', '/graphql//', '/GRAPHQL/', '/graphql?', '/graphql/?a=1&a=2', '/graphql/../graphql',
  '/graphql%2F', '/%67raphql', '/graphql;x', '/./graphql', '/graphql/.', '/graphql/x', '/graphq', '/graphql.json', '*', '/graphql?query'];

/** The same operation under other methods, paths, media types and credentials. */
function headerCase(random, context) {
  const operation = random.chance(0.8) ? validOperation(random, context) : { text: random.pick(['{ __typename }', 'mutation { __typename }', '{ me { name } }']) };
  const method = random.weighted([[5, 'POST'], [4, 'GET'], [1, 'PUT'], [1, 'OPTIONS'], [1, 'HEAD'], [1, () => random.pick(['DELETE', 'PATCH', 'TRACE', 'FOO', 'get', 'CONNECT'])]]);
  let target = random.chance(0.5) ? '/graphql' : random.pick(paths);
  let body = Buffer.alloc(0);
  if (method === 'GET' || method === 'HEAD' || random.chance(0.1)) {
    const parts = [`query=${percentEncode(operation.text)}`];
    if (random.chance(0.3)) parts.push(`variables=${percentEncode(random.pick(['{}', '{"a":1}', 'x', '{"n":1e400}', '"\\ud800"', '[]']))}`);
    if (random.chance(0.2)) parts.push(`operationName=${percentEncode(fuzzString(random))}`);
    if (random.chance(0.1)) parts.push(random.pick(['query=%ff%fe', 'query=%', 'query=%zz', 'query=', 'extensions=%7B%7D', 'query=a&query=b', 'sdl']));
    target = `${target.split('?')[0]}?${random.shuffle(parts).join('&')}`;
  }
  if (method !== 'GET' && method !== 'HEAD') body = Buffer.from(operationBody(operation.text, {}));
  const headers = [];
  if (random.chance(0.85)) headers.push(['Accept', random.pick(accepts)]);
  if (method !== 'GET' || random.chance(0.2)) headers.push(['Content-Type', random.pick(contentTypes)]);
  headers.push(...authHeaders(random));
  if (random.chance(0.1)) headers.push(['Cookie', 'session=abc']);
  if (random.chance(0.1)) headers.push(['GraphQL-Preflight', '1']);
  if (random.chance(0.1)) headers.push(['Origin', random.pick(['http://evil.example', 'null', 'http://127.0.0.1'])]);
  if (random.chance(0.05)) headers.push(['Upgrade', 'websocket'], ['Connection', 'Upgrade'], ['Sec-WebSocket-Version', random.pick(['13', '8', 'x'])], ['Sec-WebSocket-Key', random.pick(['dGhlIHNhbXBsZSBub25jZQ==', 'short', ''])]);
  if (random.chance(0.05)) headers.push(['Expect', '100-continue']);
  const bigHeader = random.chance(0.03);
  if (bigHeader) headers.push(['X-Big', 'x'.repeat(random.pick([8000, 40_000]))]);
  if (random.chance(0.03)) headers.push(['X-Bytes', '\u00ff\u00e9\u0080']);
  // Kestrel refuses an oversized head or conflicting framing before reading the rest and closes; the unread bytes turn
  // that close into a reset, which can overtake its 400/431 on the way to the client.
  const request = { method, target, headers, body, quiet: isQuietSubscription(operation.text), mayReset: bigHeader };
  return random.weighted([
    [8, request],
    [1, () => ({ ...request, contentLength: body.length + random.int(1, 100), halfClose: true })],
    [1, () => ({ ...request, contentLength: random.pick(['-1', 'abc', '99999999999999999999', `${body.length}, ${body.length}`, '1e3']) })],
    [1, () => ({ ...request, chunks: brokenChunks(body, random), headers: [...headers, ['Transfer-Encoding', 'chunked']], halfClose: true })],
    // Both framings at once (request smuggling); the chunked body itself is complete, so the server owes an answer.
    [1, () => ({
      ...request,
      mayReset: true,
      chunks: [Buffer.from(`${body.length.toString(16)}\r\n`), body, Buffer.from('\r\n0\r\n\r\n')],
      headers: [...headers, ['Transfer-Encoding', random.pick(['chunked', 'gzip, chunked', 'chunked, identity'])], ['Content-Length', String(body.length)]],
    })],
  ]);
}

/** A chunked body, sometimes with chunk sizes that lie or a missing last chunk. */
function brokenChunks(body, random) {
  const size = body.length.toString(16);
  return random.weighted([
    [2, [Buffer.from(`${size}\r\n`), body, Buffer.from('\r\n0\r\n\r\n')]],
    [1, [Buffer.from(`${(body.length + 10).toString(16)}\r\n`), body, Buffer.from('\r\n0\r\n\r\n')]],
    [1, [Buffer.from('zz\r\n'), body]],
    [1, [Buffer.from(`${size}\r\n`), body]],
    [1, [Buffer.from(`${size};ext=${'x'.repeat(5000)}\r\n`), body, Buffer.from('\r\n0\r\n\r\n')]],
    [1, [Buffer.from('ffffffffffffffff\r\n'), body]],
  ]);
}

module.exports = { documentCase, variablesCase, bodyCase, headerCase, authHeaders, brokenChunks, fakeJwt, raw };
