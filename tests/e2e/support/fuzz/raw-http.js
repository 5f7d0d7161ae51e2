'use strict';

// HTTP/1.1 over a plain TCP socket, so a case can send what fetch refuses to: a wrong Content-Length, a broken chunk,
// an odd method or path spelling, bytes that are not UTF-8 in a header. Every request says `Connection: close`, so the
// answer is complete when the server closes the socket; an event stream is complete at its first event.

const net = require('node:net');

/**
 * Sends one request. `request` is `{ method, target, headers: [[name, value]], body: Buffer, contentLength, chunks,
 * halfClose }`: `contentLength` overrides the header (null leaves it out), `chunks` sends the body chunked as given.
 * Resolves `{ status, headers, body, ms, error }`; never rejects.
 */
function sendRaw(port, request, timeoutMs) {
  return new Promise((resolve) => {
    const started = process.hrtime.bigint();
    const socket = net.connect({ port, host: '127.0.0.1' });
    const received = [];
    let done = false;

    const finish = (error) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      socket.destroy();
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      resolve({ ...parseResponse(Buffer.concat(received)), ms, error });
    };
    const timer = setTimeout(() => finish('no complete answer before the client gave up'), timeoutMs);

    socket.on('data', (chunk) => {
      received.push(chunk);
      const bytes = Buffer.concat(received);
      // A 101 (a header family asked for an upgrade) is a whole answer too; nothing more comes without a handshake.
      if (/^HTTP\/1\.1 101 /.test(bytes.toString('latin1', 0, 16)) || isCompleteEventStream(bytes, request.quiet)) finish();
    });
    socket.on('end', () => finish());
    socket.on('close', () => finish(received.length ? undefined : socketError));
    let socketError;
    socket.on('error', (error) => {
      // A write that fails because the server refused the rest of the request (EPIPE) can still be followed by its
      // answer, so only 'close' ends the wait; a reset after an answer still leaves a complete answer.
      socketError = `socket error before any answer: ${error.code || error.message}`;
    });
    socket.on('connect', () => {
      socket.write(requestHead(request));
      if (request.chunks) {
        for (const chunk of request.chunks) socket.write(chunk);
      } else if (request.body?.length) {
        socket.write(request.body);
      }
      if (request.halfClose) socket.end();
    });
  });
}

function requestHead(request) {
  const lines = [`${request.method} ${request.target} HTTP/1.1`, 'Host: 127.0.0.1', 'Connection: close'];
  for (const [name, value] of request.headers) lines.push(`${name}: ${value}`);
  if (!request.chunks && request.contentLength !== null) {
    lines.push(`Content-Length: ${request.contentLength ?? request.body?.length ?? 0}`);
  }
  return Buffer.from(`${lines.join('\r\n')}\r\n\r\n`, 'latin1');
}

/**
 * An event stream has answered once it holds an event; subscriptions would otherwise never end. A valid subscription
 * (`quiet`) waits for registry events, so its headers are its whole answer.
 */
function isCompleteEventStream(bytes, quiet) {
  const text = bytes.toString('latin1');
  const headEnd = text.indexOf('\r\n\r\n');
  if (headEnd < 0 || !/^content-type:\s*text\/event-stream/im.test(text.slice(0, headEnd))) return false;
  return quiet || /(^|\n)event: (next|complete)\r?\n(data:[^\n]*\n)*\r?\n/.test(decodeBody(bytes.subarray(headEnd + 4), text.slice(0, headEnd)).toString('utf8'));
}

function decodeBody(bytes, head) {
  if (!/^transfer-encoding:\s*chunked/im.test(head)) return bytes;
  const parts = [];
  let offset = 0;
  while (offset < bytes.length) {
    const lineEnd = bytes.indexOf('\r\n', offset);
    if (lineEnd < 0) break;
    const size = parseInt(bytes.subarray(offset, lineEnd).toString('latin1'), 16);
    if (!Number.isFinite(size) || size === 0) break;
    parts.push(bytes.subarray(lineEnd + 2, Math.min(bytes.length, lineEnd + 2 + size)));
    offset = lineEnd + 2 + size + 2;
  }
  return Buffer.concat(parts);
}

function parseResponse(bytes) {
  const text = bytes.toString('latin1');
  const headEnd = text.indexOf('\r\n\r\n');
  if (headEnd < 0) return { status: null, headers: {}, body: text };
  const [statusLine, ...headerLines] = text.slice(0, headEnd).split('\r\n');
  const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(statusLine)?.[1] ?? NaN);
  const headers = {};
  for (const line of headerLines) {
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  const body = decodeBody(bytes.subarray(headEnd + 4), text.slice(0, headEnd)).toString('utf8');
  return { status: Number.isNaN(status) ? null : status, headers, body };
}

module.exports = { sendRaw };
