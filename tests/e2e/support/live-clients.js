'use strict';

// The three subscription clients behind one shape, plus an inbox that collects what a
// subscription delivers and lets a test wait for it.
//
//   const transport = transports.graphqlWs(server.url);
//   const inbox = createInbox();
//   const subscription = transport.subscribe({ query, variables }, inbox);
//   await inbox.waitFor((events) => events.length >= 1, 'the first event');
//   subscription.drop();    // or transport.close() to end the whole connection

const WebSocket = require('ws');
const graphqlWs = require('graphql-ws');
const graphqlSse = require('graphql-sse');
const { SubscriptionClient } = require('subscriptions-transport-ws');

const defaultWaitMs = 15_000;

/**
 * Collects subscription results. `data` payloads land in `events` (the value of the one root field);
 * GraphQL errors and transport failures land in `errors` and fail every pending wait.
 */
function createInbox() {
  const events = [];
  const errors = [];
  let completed = false;
  const waiters = new Set();

  function settle() {
    for (const waiter of waiters) {
      if (errors.length > 0) {
        waiter.reject(new Error(`the subscription failed while waiting for ${waiter.label}: ${describe(errors)}`));
      } else if (waiter.predicate(events)) {
        waiter.resolve(events);
      } else if (completed) {
        waiter.reject(new Error(`the subscription completed before ${waiter.label}; got ${JSON.stringify(events)}`));
      } else {
        continue;
      }
      clearTimeout(waiter.timer);
      waiters.delete(waiter);
    }
  }

  return {
    events,
    errors,
    next(result) {
      if (result.errors?.length) {
        errors.push(...result.errors);
      } else {
        const root = result.data ?? {};
        events.push(root[Object.keys(root)[0]]);
      }
      settle();
    },
    error(error) {
      errors.push(error);
      settle();
    },
    complete() {
      completed = true;
      settle();
    },
    /** Resolves with `events` once `predicate(events)` holds; rejects on error, completion or time-out. */
    waitFor(predicate, label, ms = defaultWaitMs) {
      return new Promise((resolve, reject) => {
        const waiter = { predicate, label, resolve, reject };
        waiter.timer = setTimeout(() => {
          waiters.delete(waiter);
          reject(new Error(`timed out after ${ms} ms waiting for ${label}; got ${JSON.stringify(events)}`));
        }, ms);
        waiters.add(waiter);
        settle();
      });
    },
  };
}

function describe(errors) {
  return errors
    .map((error) => {
      if (error instanceof Error) return error.message;
      if (error?.code !== undefined && error?.reason !== undefined) return `socket closed ${error.code} ${error.reason}`;
      return JSON.stringify(error);
    })
    .join('; ');
}

function webSocketUrl(baseUrl) {
  return `${baseUrl.replace(/^http/, 'ws')}/graphql`;
}

/**
 * graphql-ws over the graphql-transport-ws subprotocol; no retries, so a drop is final. With
 * `options.apiKey` the key goes in the connection_init payload, where the server authenticates sockets.
 */
function graphqlTransportWs(baseUrl, options = {}) {
  const client = graphqlWs.createClient({
    url: webSocketUrl(baseUrl),
    connectionParams: options.apiKey ? { 'X-Api-Key': options.apiKey } : undefined,
    webSocketImpl: WebSocket,
    lazy: false,
    retryAttempts: 0,
    onNonLazyError: () => {},
  });
  return {
    subscribe(payload, inbox) {
      const unsubscribe = client.subscribe(payload, inbox);
      return { drop: unsubscribe };
    },
    /** Kills the socket at once, as a network failure would. */
    terminate: () => client.terminate(),
    close: () => client.dispose(),
  };
}

/** subscriptions-transport-ws over the legacy graphql-ws subprotocol. */
function legacyGraphqlWs(baseUrl) {
  const client = new SubscriptionClient(webSocketUrl(baseUrl), { reconnect: false }, WebSocket);
  return {
    subscribe(payload, inbox) {
      const subscription = client.request(payload).subscribe(inbox);
      return { drop: () => subscription.unsubscribe() };
    },
    terminate: () => client.client?.terminate(),
    close: () => client.close(true),
  };
}

/** graphql-sse in distinct connections mode: one event stream per subscription. */
function graphqlSseDistinct(baseUrl) {
  const client = graphqlSse.createClient({ url: `${baseUrl}/graphql`, retryAttempts: 0, fetchFn: fetch });
  return {
    subscribe(payload, inbox) {
      const unsubscribe = client.subscribe(payload, inbox);
      return { drop: unsubscribe };
    },
    terminate: () => client.dispose(),
    close: () => client.dispose(),
  };
}

const transports = {
  graphqlWs: graphqlTransportWs,
  legacy: legacyGraphqlWs,
  sse: graphqlSseDistinct,
};

module.exports = { createInbox, transports, webSocketUrl };
