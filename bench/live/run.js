'use strict';

// Live-event benchmark: many graphql-ws subscribers to modelVersionPromoted while stage changes
// are driven over HTTP at a fixed rate. Reports delivery latency, lost events and server memory.
//
//   node bench/live/run.js [--subscribers 1000] [--rate 100] [--seconds 30] [--versions 20] [--workers 2] [--out file.json]
//                          [--postgres <admin connection string>]   (PostgreSQL instead of SQLite: a fresh database there)
//
// The subscribers live in worker threads (--workers), so the thread that drives promotions and stamps their
// send times is never the one parsing a hundred thousand messages a second.
//
// The Api (Release) runs on a free loopback port with an empty data directory, started by the
// e2e harness, which also builds it unless REGISTRY_E2E_SKIP_BUILD=1. Everything is bounded: the
// subscriber count, the run time, and the drain wait at the end.

const fs = require('node:fs');
const path = require('node:path');
const { monitorEventLoopDelay } = require('node:perf_hooks');

const { Worker } = require('node:worker_threads');
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
  const parsed = { subscribers: 1000, rate: 100, seconds: 30, versions: 20, workers: 2, out: null, postgres: null };
  for (let i = 0; i < argv.length; i += 2) {
    const key = argv[i].replace(/^--/, '');
    if (!(key in parsed)) throw new Error(`unknown option ${argv[i]}`);
    parsed[key] = key === 'out' || key === 'postgres' ? argv[i + 1] : Number(argv[i + 1]);
  }
  if (parsed.subscribers < 1 || parsed.subscribers > 5000) throw new Error('--subscribers must be 1..5000');
  if (parsed.rate < 1 || parsed.rate > 1000) throw new Error('--rate must be 1..1000');
  if (parsed.seconds < 1 || parsed.seconds > 300) throw new Error('--seconds must be 1..300');
  if (parsed.workers < 1 || parsed.workers > 16) throw new Error('--workers must be 1..16');
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

function concat(arrays) {
  const all = new Float64Array(arrays.reduce((sum, a) => sum + a.length, 0));
  let offset = 0;
  for (const a of arrays) {
    all.set(a, offset);
    offset += a.length;
  }
  return all;
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

/** Starts one worker thread owning `count` subscribers; resolves its messages through the returned handle. */
function startWorker(data) {
  const worker = new Worker(path.join(__dirname, 'subscribers.js'), { workerData: data });
  const handle = { worker, probeSeen: 0, connected: null, result: null };
  handle.connected = new Promise((resolve, reject) => {
    handle.result = new Promise((resolveResult, rejectResult) => {
      worker.on('message', (message) => {
        if (message.type === 'connected') resolve();
        else if (message.type === 'probe') handle.probeSeen = message.seen;
        else if (message.type === 'result') resolveResult(message);
        else if (message.type === 'failed') {
          const error = new Error(`subscriber worker failed: ${message.message}`);
          reject(error);
          rejectResult(error);
        }
      });
      worker.on('error', (error) => {
        reject(error);
        rejectResult(error);
      });
    });
  });
  return handle;
}

async function main() {
  const machine = { nproc: require('node:os').availableParallelism(), memoryGiB: Math.round(require('node:os').totalmem() / 2 ** 30) };
  console.log(`live bench: ${options.subscribers} subscribers, ${options.rate} promotions/s for ${options.seconds} s, ${options.versions} versions`);
  // The bench is one principal opening a thousand sockets and a hundred writes a second: lift the per-principal rate limit.
  const env = { Registry__Limits__RequestsPerMinute: '0' };
  if (options.postgres) {
    const keys = fs.mkdtempSync(path.join(require('node:os').tmpdir(), 'registry-bench-live-'));
    Object.assign(env, {
      Registry__Database__Provider: 'Postgres',
      ConnectionStrings__Registry: `${options.postgres};Database=bench_live_${Date.now()}`,
      Registry__Audit__AnchorKeyPath: path.join(keys, 'audit-anchor.key'),
    });
  }
  const server = await startServer({ name: 'bench-live', environment: 'Production', env });
  const registry = createRegistryClient(server.url, { apiKey: server.adminKey });
  const wsUrl = `${server.url.replace(/^http/, 'ws')}/graphql`;
  const memory = { idleMiB: rssMiB(server.pid) };
  const workers = [];
  try {
    const model = await registry.registerModel('bench-live');
    const probe = await registry.createModelVersion(model.id);
    const versions = [];
    for (let i = 0; i < options.versions; i += 1) {
      versions.push(await registry.createModelVersion(model.id));
    }
    const measured = new Map(versions.map((v) => [v.id, []]));

    const connectStarted = Date.now();
    const share = Math.ceil(options.subscribers / options.workers);
    for (let w = 0; w < options.workers; w += 1) {
      const count = Math.min(share, options.subscribers - w * share);
      if (count <= 0) break;
      workers.push(startWorker({
        wsUrl, apiKey: server.adminKey, modelId: model.id, count, query: PROMOTED,
        measuredVersionIds: versions.map((v) => v.id), connectBatch, drainMs,
      }));
    }
    await Promise.all(workers.map((w) => w.connected));
    const connectMs = Date.now() - connectStarted;

    // No protocol message says a subscription is live; toggle the probe until every subscriber saw it.
    const readyBy = Date.now() + readinessMs;
    const probeSeen = () => workers.reduce((sum, w) => sum + w.probeSeen, 0);
    let probeStage = 'DEVELOPMENT';
    while (probeSeen() < options.subscribers && Date.now() < readyBy) {
      probeStage = probeStage === 'DEVELOPMENT' ? 'STAGING' : 'DEVELOPMENT';
      await registry.promote(probe.id, probeStage, 'bench readiness');
      await delay(500);
    }
    const ready = probeSeen();
    await delay(1_000);
    memory.subscribedMiB = rssMiB(server.pid);
    console.log(`connected ${options.subscribers} in ${connectMs} ms over ${workers.length} worker threads; ${ready} live after the probe`);

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

    // The workers let the last events drain (bounded), then report.
    const sends = Object.fromEntries(measured);
    for (const w of workers) w.worker.postMessage({ type: 'finish', applied, sends });
    const results = await Promise.all(workers.map((w) => w.result));
    clearInterval(sampler);
    loopDelay.disable();
    memory.peakMiB = Math.max(peakMiB, rssMiB(server.pid));
    memory.afterMiB = rssMiB(server.pid);

    const lostPerSubscriber = results.flatMap((r) => r.lostPerSubscriber);
    const closeCodes = {};
    for (const code of results.flatMap((r) => r.closeCodes)) closeCodes[code] = (closeCodes[code] ?? 0) + 1;
    const sendLatencies = concat(results.map((r) => r.sendLatencies));
    const serverLatencies = concat(results.map((r) => r.serverLatencies));
    const result = {
      machine,
      options,
      connectMs,
      liveAfterProbe: ready,
      promotions: { target: total, applied, failed: failures.length, skippedPastDeadline: skipped, driveMs, achievedPerSecond: Math.round((applied / driveMs) * 10000) / 10 },
      delivery: {
        expected: applied * options.subscribers,
        received: results.reduce((sum, r) => sum + r.received, 0),
        lost: lostPerSubscriber.reduce((sum, n) => sum + n, 0),
        subscribersWithLoss: lostPerSubscriber.filter((n) => n > 0).length,
        closedSubscribers: results.reduce((sum, r) => sum + r.closeCodes.length, 0),
        closeCodes,
        subscriberErrors: [...new Set(results.flatMap((r) => r.errors))].slice(0, 5),
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
    await Promise.all(workers.map((w) => w.worker.terminate()));
    await server.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
