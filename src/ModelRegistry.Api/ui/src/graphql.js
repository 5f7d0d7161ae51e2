// The pages speak the registry's public GraphQL API like any client: POST /graphql for queries, and the
// graphql-transport-ws protocol on the same path for live updates. The API key the viewer signed in with lives in
// sessionStorage only; it travels in the X-Api-Key header and in connection_init, never in a URL.

const storageKey = 'model-registry.api-key';

/** The API key of this browser tab, or null. */
export function apiKey() {
  try {
    return sessionStorage.getItem(storageKey);
  } catch {
    return null;
  }
}

/** Keeps the key for this tab, or forgets it with null. */
export function setApiKey(key) {
  if (key) sessionStorage.setItem(storageKey, key);
  else sessionStorage.removeItem(storageKey);
}

/** The server refused the credentials (401): `reason` is MISSING_CREDENTIALS, INVALID_API_KEY or INVALID_TOKEN. */
export class AuthenticationError extends Error {
  constructor(reason, message) {
    super(message);
    this.reason = reason;
  }
}

/** The request failed: no answer, an HTTP error, or GraphQL errors without data. */
export class RequestError extends Error {}

/**
 * Runs one operation and returns its `data`; throws AuthenticationError or RequestError. With `partial`, GraphQL errors
 * do not throw: it returns `{ data, errors }` so the page can tell, say, NOT_FOUND from a null answer.
 */
export async function query(document, variables = {}, { partial = false } = {}) {
  const headers = { 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json' };
  const key = apiKey();
  if (key) headers['x-api-key'] = key;
  let response;
  try {
    response = await fetch('/graphql', { method: 'POST', headers, body: JSON.stringify({ query: document, variables }) });
  } catch {
    throw new RequestError('The registry did not answer. Check your connection and try again.');
  }
  const body = await response.json().catch(() => null);
  const first = body?.errors?.[0];
  if (response.status === 401) {
    throw new AuthenticationError(first?.extensions?.reason ?? 'UNAUTHENTICATED', first?.message ?? 'Sign in with an API key.');
  }
  if (response.status === 429) {
    throw new RequestError(first?.message ?? 'Too many requests; wait a moment and try again.');
  }
  if (partial && body && (body.data || body.errors?.length)) return { data: body.data ?? null, errors: body.errors ?? [] };
  if (!body || (!body.data && body.errors?.length)) {
    throw new RequestError(first?.message ? `The registry refused the request: ${first.message}` : `The registry answered HTTP ${response.status}.`);
  }
  return body.data;
}

/**
 * A graphql-transport-ws connection to /graphql that keeps a set of subscriptions running, reconnecting with a growing
 * pause after a drop. `onStatus` hears 'connecting', 'live' and 'offline'; `onReconnect` runs after a connection that
 * replaced a dropped one is acknowledged, so the page can catch up on what it missed.
 */
export class LiveConnection {
  constructor({ onStatus = () => {}, onReconnect = () => {} } = {}) {
    this.subscriptions = new Map();
    this.onStatus = onStatus;
    this.onReconnect = onReconnect;
    this.attempt = 0;
    this.closed = false;
    this.nextId = 1;
  }

  /** Adds a subscription; `onData` receives each `next` payload's data. Call before start(). */
  subscribe(document, variables, onData) {
    this.subscriptions.set(String(this.nextId++), { document, variables, onData });
    return this;
  }

  start() {
    this.open();
    return this;
  }

  stop() {
    this.closed = true;
    clearTimeout(this.retryTimer);
    this.socket?.close(1000, 'page left');
  }

  open() {
    const url = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/graphql`;
    const socket = new WebSocket(url, 'graphql-transport-ws');
    this.socket = socket;
    this.onStatus('connecting');
    const reconnecting = this.attempt > 0;
    socket.addEventListener('open', () => {
      const key = apiKey();
      socket.send(JSON.stringify({ type: 'connection_init', payload: key ? { 'X-Api-Key': key } : {} }));
    });
    socket.addEventListener('message', (event) => {
      let message;
      try {
        message = JSON.parse(event.data);
      } catch {
        return;
      }
      if (message.type === 'connection_ack') {
        this.attempt = 0;
        for (const [id, { document, variables }] of this.subscriptions) {
          socket.send(JSON.stringify({ id, type: 'subscribe', payload: { query: document, variables } }));
        }
        this.onStatus('live');
        if (reconnecting) this.onReconnect();
      } else if (message.type === 'ping') {
        socket.send(JSON.stringify({ type: 'pong' }));
      } else if (message.type === 'next' && message.payload?.data) {
        this.subscriptions.get(message.id)?.onData(message.payload.data);
      }
    });
    socket.addEventListener('close', () => {
      if (this.closed || this.socket !== socket) return;
      this.onStatus('offline');
      this.attempt += 1;
      const pause = Math.min(10_000, 500 * 2 ** Math.min(this.attempt, 5));
      this.retryTimer = setTimeout(() => this.open(), pause);
    });
  }
}
