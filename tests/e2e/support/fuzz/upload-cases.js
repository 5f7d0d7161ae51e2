'use strict';

// Requests to the artifact upload route, PUT /artifacts/{modelVersionId}/{fileName} (docs/artifacts.md): bad and
// foreign version IDs, traversal and oversized names, multipart bodies where raw bytes belong, lengths that lie,
// digests that do not match.

const crypto = require('node:crypto');
const { authHeaders, brokenChunks } = require('./http-cases');

const names = ['model.onnx', 'weights.bin', 'config.json', 'a', 'A-Z_0.9+=@x', '.hidden', '..', '...', '../../etc/passwd', '..%2F..%2Fetc%2Fpasswd',
  '%2e%2e%2f%2e%2e%2fx', '..\\..\\x', 'a%00b', '%00', 'con', 'nul.txt', 'x?y=1', 'file;x', 'na%20me', '%C3%BC.bin', '%ff%fe', '%', 'a'.repeat(255),
  'a'.repeat(256), 'a'.repeat(5000), '~root', '-rf', 'x'.repeat(40) + '.onnx', '%2F', 'a%2Fb', 'emoji%F0%9F%98%80', '*', 'tensor.safetensors'];

function versionIdFor(random, context) {
  return random.weighted([
    [6, () => random.pick(context.versionIds)],
    [1, () => random.pick(context.modelIds)],
    [1, () => Buffer.from(`ModelVersion:${random.pick(['0', '-1', '99999', '9'.repeat(25), 'x', '1.5', ''])}`).toString('base64url')],
    [1, () => random.pick(['', 'x', '%00', '..', '%2e%2e', 'TW9kZWxWZXJzaW9uOjE=', 'TW9kZWxWZXJzaW9uOjE', '!!!', 'a'.repeat(3000)])],
  ]);
}

function multipartBody(random, content) {
  const boundary = random.pick(['----x', '', 'a'.repeat(100), 'b"c']);
  const parts = [
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${random.pick(['../../x', 'model.onnx', ''])}"\r\n\r\n`,
    content.toString('latin1'),
    random.pick([`\r\n--${boundary}--\r\n`, '', `\r\n--${boundary}`, '\r\n--other--\r\n']),
  ];
  return { boundary, body: Buffer.from(parts.join(''), 'latin1') };
}

function uploadCase(random, context) {
  const content = random.weighted([[6, () => random.bytes(random.size(2048, 65_536))], [1, Buffer.alloc(0)], [1, () => Buffer.from('{"not":"weights"}')]]);
  const headers = [...authHeaders(random)];
  let body = content;
  const contentType = random.weighted([
    [4, null],
    [3, 'application/octet-stream'],
    [1, 'application/onnx'],
    [2, () => {
      const multipart = multipartBody(random, content);
      body = multipart.body;
      return `multipart/form-data; boundary=${multipart.boundary}`;
    }],
    [1, () => random.pick(['', 'x', 'text/html; charset=utf-16', `a/${'b'.repeat(3000)}`, 'application/json'])],
  ]);
  if (contentType !== null) headers.push(['Content-Type', contentType]);
  const digest = random.weighted([
    [4, null],
    [2, () => {
      const hex = crypto.createHash('sha256').update(body).digest('hex');
      return random.chance(0.5) ? hex.toUpperCase() : hex;
    }],
    [1, () => crypto.createHash('sha256').update('other').digest('hex')],
    [1, () => random.pick(['zz', '0'.repeat(63), '0'.repeat(65), 'g'.repeat(64), ' ', `${'a'.repeat(64)} ${'b'.repeat(64)}`])],
  ]);
  if (digest !== null) headers.push(['X-Content-SHA256', digest]);
  const target = `/artifacts/${versionIdFor(random, context)}/${random.pick(names)}${random.chance(0.05) ? random.pick(['/', '?x=1', '/extra', '//']) : ''}`;
  const method = random.weighted([[12, 'PUT'], [1, 'POST'], [1, 'GET'], [1, 'DELETE'], [1, 'PATCH']]);
  const request = { method, target, headers, body };
  return random.weighted([
    [10, request],
    [2, () => ({ ...request, contentLength: body.length + random.int(1, 5000), halfClose: true })],
    [1, () => ({ ...request, contentLength: Math.max(0, body.length - random.int(1, 100)) })],
    [2, () => ({ ...request, contentLength: random.pick(['10995116277760', '5368709121', '9223372036854775807', '99999999999999999999999', '-1', 'abc']), halfClose: true })],
    [2, () => ({ ...request, chunks: brokenChunks(body, random), headers: [...headers, ['Transfer-Encoding', 'chunked']], halfClose: true })],
  ]);
}

module.exports = { uploadCase };
