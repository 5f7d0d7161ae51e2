'use strict';

// Worker thread of the live-event benchmark: owns a share of the graphql-ws subscribers, so that receiving
// 100,000 messages a second does not stall the thread that drives promotions and stamps their send times.
//
// Messages from the main thread: { type: 'finish', applied, sends: { [versionId]: [sendTimeMs, ...] } }.
// Messages to it: 'connected', 'probe' (how many of this worker's subscribers saw the readiness probe), 'result'.

const path = require('node:path');
const { createRequire } = require('node:module');
const { parentPort, workerData } = require('node:worker_threads');

const repositoryRoot = path.resolve(__dirname, '..', '..');
const e2eRequire = createRequire(path.join(repositoryRoot, 'tests', 'e2e', 'package.json'));
const WebSocket = e2eRequire('ws');
const { createClient } = e2eRequire('graphql-ws');

const { wsUrl, apiKey, modelId, count, measuredVersionIds, query, connectBatch, drainMs } = workerData;
const measured = new Set(measuredVersionIds);
const subscribers = [];
const serverLatencies = [];
let probeSeen = 0;

function delay(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** One graphql-ws connection with one subscription; keeps receive times per version and how it ended. */
function openSubscriber() {
  const subscriber = { measured: 0, perVersion: new Map(), sawProbe: false, closedWith: null, error: null };
  subscriber.client = createClient({
    url: wsUrl,
    // Production refuses anonymous sockets (close 4403), so every subscriber signs in at connection_init.
    connectionParams: { 'X-Api-Key': apiKey },
    webSocketImpl: WebSocket,
    lazy: false,
    retryAttempts: 0,
    keepAlive: 0,
    onNonLazyError: () => {},
    on: {
      closed: (event) => {
        subscriber.closedWith = event?.code ?? 'closed';
      },
    },
  });
  subscriber.connected = new Promise((resolve, reject) => {
    const stopConnected = subscriber.client.on('connected', () => {
      stopConnected();
      resolve();
    });
    const stopError = subscriber.client.on('error', (error) => {
      stopError();
      reject(error instanceof Error ? error : new Error('connection failed'));
    });
  });
  subscriber.client.subscribe(
    { query, variables: { modelId } },
    {
      next: (result) => {
        const receivedAt = Date.now();
        const event = result.data?.modelVersionPromoted;
        if (!event) {
          subscriber.error = JSON.stringify(result.errors);
          return;
        }
        const versionId = event.modelVersion.id;
        if (!measured.has(versionId)) {
          if (!subscriber.sawProbe) {
            subscriber.sawProbe = true;
            probeSeen += 1;
          }
          return;
        }
        let times = subscriber.perVersion.get(versionId);
        if (!times) subscriber.perVersion.set(versionId, (times = []));
        times.push(receivedAt);
        subscriber.measured += 1;
        serverLatencies.push(receivedAt - Date.parse(event.at));
      },
      error: (error) => {
        subscriber.error = subscriber.error ?? String(error?.code ?? error?.message ?? error);
      },
      complete: () => {},
    },
  );
  return subscriber;
}

async function connectAll() {
  for (let i = 0; i < count; i += connectBatch) {
    const batch = [];
    for (let j = i; j < Math.min(count, i + connectBatch); j += 1) {
      const subscriber = openSubscriber();
      subscribers.push(subscriber);
      batch.push(subscriber.connected);
    }
    await Promise.all(batch);
  }
  parentPort.postMessage({ type: 'connected', count: subscribers.length });
}

async function finish({ applied, sends }) {
  const drainBy = Date.now() + drainMs;
  while (Date.now() < drainBy && subscribers.some((s) => !s.closedWith && s.measured < applied)) {
    await delay(200);
  }
  // Events of one version reach a subscriber in order, so its n-th event of a version matches the n-th send.
  const sendLatencies = [];
  for (const subscriber of subscribers) {
    for (const [versionId, times] of subscriber.perVersion) {
      const sent = sends[versionId] ?? [];
      for (let n = 0; n < times.length && n < sent.length; n += 1) sendLatencies.push(times[n] - sent[n]);
    }
  }
  const result = {
    type: 'result',
    received: subscribers.reduce((sum, s) => sum + s.measured, 0),
    lostPerSubscriber: subscribers.map((s) => Math.max(0, applied - s.measured)),
    closeCodes: subscribers.filter((s) => s.closedWith !== null).map((s) => s.closedWith),
    errors: [...new Set(subscribers.map((s) => s.error).filter(Boolean))].slice(0, 5),
    sendLatencies: Float64Array.from(sendLatencies),
    serverLatencies: Float64Array.from(serverLatencies),
  };
  await Promise.all(subscribers.map((s) => s.client.dispose()));
  parentPort.postMessage(result, [result.sendLatencies.buffer, result.serverLatencies.buffer]);
}

const probeReporter = setInterval(() => parentPort.postMessage({ type: 'probe', seen: probeSeen }), 100);
parentPort.on('message', (message) => {
  if (message.type === 'finish') {
    clearInterval(probeReporter);
    finish(message).catch((error) => parentPort.postMessage({ type: 'failed', message: String(error?.stack ?? error) }));
  }
});
connectAll().catch((error) => parentPort.postMessage({ type: 'failed', message: String(error?.stack ?? error) }));
