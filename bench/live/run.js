'use strict';

// Live-event benchmark: many graphql-ws subscribers to modelVersionPromoted while stage changes
// are driven over HTTP at a fixed rate. Reports delivery latency, lost events and server memory.
//
//   node bench/live/run.js [--subscribers 1000] [--rate 100] [--seconds 30] [--versions 20] [--out file.json]
//
// The Api (Release) runs on a free loopback port with an empty data directory, started by the
// e2e harness, which also builds it unless REGISTRY_E2E_SKIP_BUILD=1. Everything is bounded: the
// subscriber count, the run time, and the drain wait at the end.

const fs = require('node:fs');
const path = require('node:path');
const { createRequire } = require('node:module');
const { monitorEventLoopDelay } = require('node:perf_hooks');

const repositoryRoot = path.resolve(__dirname, '..', '..');
const e2eRequire = createRequire(path.join(repositoryRoot, 'tests', 'e2e', 'package.json'));
const WebSocket = e2eRequire('ws');
const { createClient } = e2eRequire('graphql-ws');
const { startServer } = require('../../tests/e2e/support/server');
const { createRegistryClient } = require('../../tests/e2e/support/registry');

const options = parseOptions(process.argv.slice(2));
const connectBatch = 50;
const drainMs = 10_000;
const readinessMs = 60_000;

const PROMOTED = `
  subscription Promoted($modelId: ID) {
    modelVersionPromoted(modelId: $modelId) { sequence to at modelVersion { id } }
  }`;

function parseOptions(argv) {
  const parsed = { subscribers: 1000, rate: 100, seconds: 30, versions: 20, out: null };
  for (let i = 0; i < argv.length; i += 2) {
    const key = argv[i].replace(/^--/, '');
    if (!(key in parsed)) throw new Error(`unknown option ${argv[i]}`);
    parsed[key] = key === 'out' ? argv[i + 1] : Number(argv[i + 1]);
  }
  if (parsed.subscribers < 1 || parsed.subscribers > 5000) throw new Error('--subscribers must be 1..5000');
  if (parsed.rate < 1 || parsed.rate > 1000) throw new Error('--rate must be 1..1000');
  if (parsed.seconds < 1 || parsed.seconds > 300) throw new Error('--seconds must be 1..300');
  return parsed;
}

function delay(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Resident set size of a process in MiB, from /proc. */
function rssMiB(pid) {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = Number(/VmRSS:\s+(\d+)\s+kB/.exec(status)[1]);
  return Math.round(kib / 1024);
}

function percentile(sorted, p) {
  if (sorted.length === 0) return null;
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return Math.round(sorted[Math.max(0, index)] * 10) / 10;
}

function summarise(values) {
  const sorted = Float64Array.from(values).sort();
  return {
    samples: sorted.length,
    p50: percentile(sorted, 50),
    p90: percentile(sorted, 90),
    p99: percentile(sorted, 99),
    max: percentile(sorted, 100),
  };
}

/** One graphql-ws connection with one subscription; keeps what it received and how it ended. */
function openSubscriber(wsUrl, apiKey, modelId, onEvent) {
  const subscriber = { received: 0, closedWith: null, error: null };
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
    { query: PROMOTED, variables: { modelId } },
    {
      next: (result) => {
        const receivedAt = Date.now();
        if (result.data) {
          subscriber.received += 1;
          onEvent(subscriber, result.data.modelVersionPromoted, receivedAt);
        } else {
          subscriber.error = JSON.stringify(result.errors);
        }
      },
      error: (error) => {
        subscriber.error = subscriber.error ?? String(error?.code ?? error?.message ?? error);
      },
      complete: () => {},
    },
  );
  return subscriber;
}

async function main() {
  const machine = { nproc: require('node:os').availableParallelism(), memoryGiB: Math.round(require('node:os').totalmem() / 2 ** 30) };
  console.log(`live bench: ${options.subscribers} subscribers, ${options.rate} promotions/s for ${options.seconds} s, ${options.versions} versions`);
  // The bench is one principal opening a thousand sockets and a hundred writes a second: lift the per-principal rate limit.
  const server = await startServer({ name: 'bench-live', environment: 'Production', env: { Registry__Limits__RequestsPerMinute: '0' } });
  const registry = createRegistryClient(server.url, { apiKey: server.adminKey });
  const wsUrl = `${server.url.replace(/^http/, 'ws')}/graphql`;
  const memory = { idleMiB: rssMiB(server.pid) };
  const subscribers = [];
  try {
    const model = await registry.registerModel('bench-live');
    const probe = await registry.createModelVersion(model.id);
    const versions = [];
    for (let i = 0; i < options.versions; i += 1) {
      versions.push(await registry.createModelVersion(model.id));
    }
    const measured = new Map(versions.map((v) => [v.id, []]));

    // Per measured version, the send times of its applied promotions, in order; events of one
    // version reach each subscriber in the same order, so the n-th event matches the n-th send.
    const seenPerVersion = new Map();
    const sendLatencies = [];
    const serverLatencies = [];
    const probeSeen = new Set();
    function onEvent(subscriber, event, receivedAt) {
      const versionId = event.modelVersion.id;
      const sends = measured.get(versionId);
      if (!sends) {
        probeSeen.add(subscriber);
        return;
      }
      let counts = seenPerVersion.get(subscriber);
      if (!counts) seenPerVersion.set(subscriber, (counts = new Map()));
      const index = counts.get(versionId) ?? 0;
      counts.set(versionId, index + 1);
      subscriber.measured = (subscriber.measured ?? 0) + 1;
      if (index < sends.length) sendLatencies.push(receivedAt - sends[index]);
      serverLatencies.push(receivedAt - Date.parse(event.at));
    }

    const connectStarted = Date.now();
    for (let i = 0; i < options.subscribers; i += connectBatch) {
      const batch = [];
      for (let j = i; j < Math.min(options.subscribers, i + connectBatch); j += 1) {
        const subscriber = openSubscriber(wsUrl, server.adminKey, model.id, onEvent);
        subscribers.push(subscriber);
        batch.push(subscriber.connected);
      }
      await Promise.all(batch);
    }
    const connectMs = Date.now() - connectStarted;

    // No protocol message says a subscription is live; toggle the probe until every subscriber saw it.
    const readyBy = Date.now() + readinessMs;
    let probeStage = 'DEVELOPMENT';
    while (probeSeen.size < subscribers.length && Date.now() < readyBy) {
      probeStage = probeStage === 'DEVELOPMENT' ? 'STAGING' : 'DEVELOPMENT';
      await registry.promote(probe.id, probeStage, 'bench readiness');
      await delay(500);
    }
    const ready = probeSeen.size;
    await delay(1_000);
    memory.subscribedMiB = rssMiB(server.pid);
    console.log(`connected ${subscribers.length} in ${connectMs} ms; ${ready} live after the probe`);

    // Drive promotions on a fixed schedule; a version waits for its previous promotion, so the
    // achieved rate falls below the target when the server cannot keep up.
    const stages = new Map(versions.map((v) => [v.id, 'DEVELOPMENT']));
    const inFlight = new Map();
    const failures = [];
    let applied = 0;
    let peakMiB = memory.subscribedMiB;
    const loopDelay = monitorEventLoopDelay({ resolution: 10 });
    loopDelay.enable();
    const total = options.rate * options.seconds;
    const intervalMs = 1000 / options.rate;
    const driveStarted = Date.now();
    // A server that cannot keep up builds a backlog; stop sending at twice the planned time.
    const giveUpAt = driveStarted + 2 * options.seconds * 1000;
    let skipped = 0;
    const sampler = setInterval(() => {
      peakMiB = Math.max(peakMiB, rssMiB(server.pid));
    }, 1_000);
    for (let k = 0; k < total; k += 1) {
      const due = driveStarted + k * intervalMs;
      const wait = due - Date.now();
      if (wait > 0) await delay(wait);
      const version = versions[k % versions.length];
      const previous = inFlight.get(version.id) ?? Promise.resolve();
      const next = previous.then(async () => {
        if (Date.now() > giveUpAt) {
          skipped += 1;
          return;
        }
        const target = stages.get(version.id) === 'DEVELOPMENT' ? 'STAGING' : 'DEVELOPMENT';
        // Recorded before the request, since the event often arrives before the response; one
        // version's promotions run one at a time, so a refused one is still the last entry.
        const sends = measured.get(version.id);
        sends.push(Date.now());
        try {
          await registry.promote(version.id, target, 'bench');
          stages.set(version.id, target);
          applied += 1;
        } catch (error) {
          sends.pop();
          failures.push(error.message.slice(0, 200));
        }
      });
      inFlight.set(version.id, next);
    }
    await Promise.all(inFlight.values());
    const driveMs = Date.now() - driveStarted;

    // Let the last events drain, bounded.
    const drainBy = Date.now() + drainMs;
    while (Date.now() < drainBy && subscribers.some((s) => !s.closedWith && (s.measured ?? 0) < applied)) {
      await delay(200);
    }
    clearInterval(sampler);
    loopDelay.disable();
    memory.peakMiB = Math.max(peakMiB, rssMiB(server.pid));
    memory.afterMiB = rssMiB(server.pid);

    const lostPerSubscriber = subscribers.map((s) => Math.max(0, applied - (s.measured ?? 0)));
    const closed = subscribers.filter((s) => s.closedWith !== null);
    const closeCodes = {};
    for (const s of closed) closeCodes[s.closedWith] = (closeCodes[s.closedWith] ?? 0) + 1;
    const result = {
      machine,
      options,
      connectMs,
      liveAfterProbe: ready,
      promotions: { target: total, applied, failed: failures.length, skippedPastDeadline: skipped, driveMs, achievedPerSecond: Math.round((applied / driveMs) * 10000) / 10 },
      delivery: {
        expected: applied * subscribers.length,
        received: subscribers.reduce((sum, s) => sum + (s.measured ?? 0), 0),
        lost: lostPerSubscriber.reduce((sum, n) => sum + n, 0),
        subscribersWithLoss: lostPerSubscriber.filter((n) => n > 0).length,
        closedSubscribers: closed.length,
        closeCodes,
        subscriberErrors: [...new Set(subscribers.map((s) => s.error).filter(Boolean))].slice(0, 5),
      },
      latencyMs: {
        sendToReceive: summarise(sendLatencies),
        serverAtToReceive: summarise(serverLatencies),
      },
      driverEventLoopDelayMs: { p50: loopDelay.percentile(50) / 1e6, p99: loopDelay.percentile(99) / 1e6, max: loopDelay.max / 1e6 },
      serverRssMiB: memory,
      failures: failures.slice(0, 5),
    };
    console.log(JSON.stringify(result, null, 2));
    if (options.out) fs.writeFileSync(options.out, `${JSON.stringify(result, null, 2)}\n`);
  } finally {
    for (const subscriber of subscribers) {
      await subscriber.client.dispose();
    }
    await server.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
