'use strict';

// Runs one generated case against a server and judges its answers.

const WebSocket = require('ws');
const { sendRaw } = require('./raw-http');
const { judgeHttp, judgeWebSocket, answerBudgetMs, budgetFor } = require('./oracle');

/** How long the client waits before it gives up on an answer; beyond the budget, so a slow answer is measured. */
const giveUpMs = 15_000;

/** Replaces the credential placeholders with this server's keys (latin1 so header bytes survive). */
function withKeys(text, keys) {
  return text.replace(/\{\{(admin|contributor|norole)\}\}/g, (_, name) => keys[name]);
}

async function runHttp(port, request, keys) {
  const sent = {
    ...request,
    headers: request.headers.map(([name, value]) => [name, withKeys(value, keys)]),
  };
  const response = await sendRaw(port, sent, giveUpMs);
  return { problems: judgeHttp(response, request), summary: `HTTP ${response.status ?? '-'} in ${Math.round(response.ms)} ms`, status: response.status, ms: response.ms };
}

const KNOWN_PROTOCOLS = new Set(['graphql-transport-ws', 'graphql-ws']);

/** Opens the socket; resolves when it is open or was refused. */
function open(port, script, outcome) {
  const url = `ws://127.0.0.1:${port}${script.path}`;
  // Unknown subprotocols go in a raw header: the client library would abort on the server's (correct) refusal of
  // them before the close code could be read.
  const known = script.protocols.every((protocol) => KNOWN_PROTOCOLS.has(protocol));
  const socket = new WebSocket(url, known ? script.protocols : [], {
    handshakeTimeout: giveUpMs,
    headers: known || script.protocols.length === 0 ? {} : { 'Sec-WebSocket-Protocol': script.protocols.join(', ') },
  });
  return new Promise((resolve) => {
    socket.on('open', () => resolve(socket));
    socket.on('unexpected-response', (_, response) => {
      outcome.httpStatus = response.statusCode;
      let body = '';
      response.on('data', (chunk) => { body += chunk; });
      response.on('end', () => {
        outcome.httpBody = body;
        resolve(null);
      });
      response.on('error', () => resolve(null));
    });
    socket.on('error', (error) => {
      if (socket.readyState === WebSocket.CONNECTING) {
        outcome.problems.push(`the upgrade failed: ${error.message}`);
        resolve(null);
      }
    });
  });
}

async function runWebSocket(port, script, keys) {
  const outcome = { problems: [], messages: [], serverClose: null, httpStatus: null, httpBody: null };
  const started = Date.now();
  const socket = await open(port, script, outcome);
  if (!socket) return finish(outcome, started);

  let clientClosing = false;
  let closed = false;
  let signal = () => {};
  socket.on('message', (data) => {
    outcome.messages.push(data.toString('utf8'));
    signal();
  });
  socket.on('error', () => {});
  socket.on('close', (code, reason) => {
    closed = true;
    if (!clientClosing) outcome.serverClose = { code, reason: reason.toString('utf8') };
    signal();
  });
  const changed = (ms) => new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), ms);
    signal = () => {
      clearTimeout(timer);
      resolve(true);
    };
  });

  for (const [position, frame] of script.frames.entries()) {
    if (closed) break;
    const before = outcome.messages.length;
    const sentAt = Date.now();
    const payload = frame.bytes ?? Buffer.from(withKeys(frame.text, keys), 'utf8');
    // A send that races the server's close fails harmlessly; the close itself is judged.
    socket.send(payload, { binary: Boolean(frame.binary) }, () => {});
    if (frame.expects !== 'answer') continue;
    const budget = budgetFor(frame.text);
    while (!closed && outcome.messages.length === before) {
      const left = budget - (Date.now() - sentAt);
      if (left <= 0 || !(await changed(left))) break;
    }
    if (!closed && outcome.messages.length === before) {
      outcome.problems.push(`frame ${position} got neither a message nor a close within ${budget} ms`);
      break;
    }
  }

  if (!closed) {
    // Late answers (errors of operations started last) are judged too.
    await changed(30);
    clientClosing = true;
    const closeSent = Date.now();
    socket.close(1000);
    while (!closed && Date.now() - closeSent < answerBudgetMs) await changed(answerBudgetMs);
    if (!closed) {
      outcome.problems.push(`the server did not complete the closing handshake within ${answerBudgetMs} ms`);
      socket.terminate();
    }
  }
  return finish(outcome, started);
}

function finish(outcome, started) {
  const close = outcome.serverClose ? `, closed ${outcome.serverClose.code}` : '';
  const http = outcome.httpStatus ? `upgrade answered ${outcome.httpStatus}, ` : '';
  return {
    problems: judgeWebSocket(outcome),
    summary: `${http}${outcome.messages.length} message(s)${close} in ${Date.now() - started} ms`,
    status: outcome.httpStatus ?? 101,
    ms: Date.now() - started,
    closeCode: outcome.serverClose?.code,
  };
}

/** Runs a generated case; resolves `{ problems, summary, status, ms }`. */
function runCase(port, generated, keys) {
  return generated.transport === 'websocket' ? runWebSocket(port, generated.script, keys) : runHttp(port, generated.request, keys);
}

/** The body as text when it is UTF-8 without control bytes, else as base64 so the report stays readable. */
function printable(bytes) {
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    if (!/[\u0000-\u0008\u000e-\u001f]/.test(text)) return text;
  } catch {
    // Not UTF-8: shown as base64 below.
  }
  return `(${bytes.length} bytes, base64) ${bytes.toString('base64')}`;
}

/** A readable, truncated rendering of a case for a failure message. */
function describeCase(generated, limit = 1_500) {
  const clip = (text) => (text.length > limit ? `${text.slice(0, limit)}… (${text.length} chars)` : text);
  if (generated.transport === 'websocket') {
    const { path, protocols, frames } = generated.script;
    const lines = frames.map((frame, i) => `  frame ${i}${frame.binary ? ' (binary)' : ''}${frame.expects === 'answer' ? ' [owes an answer]' : ''}: ${clip(frame.text ?? printable(frame.bytes))}`);
    return `WebSocket ${path} protocols=${JSON.stringify(protocols)}\n${lines.join('\n')}`;
  }
  const { method, target, headers, body, contentLength, chunks, halfClose } = generated.request;
  const head = [`${method} ${clip(target)}`, ...headers.map(([name, value]) => `${name}: ${clip(value)}`)];
  if (contentLength !== undefined) head.push(`(Content-Length sent as ${contentLength})`);
  if (chunks) head.push(`(chunked: ${chunks.length} writes)`);
  if (halfClose) head.push('(the client closed its sending side after the body)');
  return `${head.join('\n')}\n\n${clip(printable(chunks ? Buffer.concat(chunks) : body))}`;
}

module.exports = { runCase, describeCase };
