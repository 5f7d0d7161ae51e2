'use strict';

// Write-path benchmark: createModelVersion through GraphQL over HTTP (one metric set, hyperparameters and one
// TRAINED_ON edge each, so every write takes the write lock, inserts rows and appends to the hash chain), at several
// client counts, beside a floor measured in the same process run: `{ __typename }` requests at the same concurrency.
//
//   node bench/write/run.js [--provider sqlite|postgres] [--postgres <admin connection string>]
//                           [--clients 1,8,32] [--seconds 10] [--repeats 3] [--out result.json]
//
// SQLite runs on a fresh data directory; PostgreSQL on a fresh database of the cluster the admin connection string
// names (the Api creates and migrates it). The Api runs in Production with the rate limit off. Each (clients, repeat)
// cell measures the floor first, then the writes, for --seconds each; the report quotes medians over the repeats.

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { startServer } = require('../../tests/e2e/support/server');
const { drive, median, round } = require('../support/closed-loop');

const options = parseOptions(process.argv.slice(2));

function parseOptions(argv) {
  const parsed = { provider: 'sqlite', postgres: null, clients: '1,8,32', seconds: 10, repeats: 3, out: null };
  for (let i = 0; i < argv.length; i += 2) {
    const key = argv[i].replace(/^--/, '');
    if (!(key in parsed)) throw new Error(`unknown option ${argv[i]}`);
    parsed[key] = ['seconds', 'repeats'].includes(key) ? Number(argv[i + 1]) : argv[i + 1];
  }
  parsed.clients = String(parsed.clients).split(',').map(Number);
  if (!['sqlite', 'postgres'].includes(parsed.provider)) throw new Error('--provider must be sqlite or postgres');
  if (parsed.provider === 'postgres' && !parsed.postgres) throw new Error('--postgres <admin connection string> is required for postgres');
  if (parsed.clients.some((c) => !(c >= 1 && c <= 256))) throw new Error('--clients must be numbers in 1..256');
  if (!(parsed.seconds >= 1 && parsed.seconds <= 300)) throw new Error('--seconds must be 1..300');
  if (!(parsed.repeats >= 1 && parsed.repeats <= 20)) throw new Error('--repeats must be 1..20');
  return parsed;
}


async function main() {
  const env = { Registry__Limits__RequestsPerMinute: '0', Logging__LogLevel__Default: 'Warning' };
  const keys = fs.mkdtempSync(path.join(os.tmpdir(), 'registry-bench-write-'));
  if (options.provider === 'postgres') {
    const database = `bench_write_${Date.now()}`;
    env.Registry__Database__Provider = 'Postgres';
    env.ConnectionStrings__Registry = `${options.postgres};Database=${database}`;
    env.Registry__Audit__AnchorKeyPath = path.join(keys, 'audit-anchor.key');
  }
  const server = await startServer({ name: `bench-write-${options.provider}`, environment: 'Production', env });
  try {
    const post = async (query, variables) => {
      const response = await fetch(`${server.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-api-key': server.adminKey },
        body: JSON.stringify({ query, variables }),
      });
      const body = await response.json();
      if (response.status !== 200 || body.errors) throw new Error(`HTTP ${response.status}: ${JSON.stringify(body).slice(0, 500)}`);
      return body.data;
    };
    const model = await post(
      'mutation($input: RegisterModelInput!) { registerModel(input: $input) { model { id } errors { code message } } }',
      { input: { name: `bench-write-${Date.now()}`, task: 'CLASSIFICATION', owner: 'bench' } });
    const modelId = model.registerModel.model.id;
    const dataset = await post(
      'mutation($input: RegisterDatasetInput!) { registerDataset(input: $input) { dataset { id } errors { code message } } }',
      { input: { name: `bench-data-${Date.now()}`, owner: 'bench' } });
    const datasetVersion = await post(
      'mutation($input: CreateDatasetVersionInput!) { createDatasetVersion(input: $input) { datasetVersion { id } errors { code message } } }',
      { input: { datasetId: dataset.registerDataset.dataset.id, version: 'v1', uri: 's3://bench/v1', sha256: 'a'.repeat(64) } });
    const trainedOn = [datasetVersion.createDatasetVersion.datasetVersion.id];

    const floor = () => post('{ __typename }');
    const write = async () => {
      const data = await post(
        'mutation($input: CreateModelVersionInput!) { createModelVersion(input: $input) { modelVersion { id number } errors { code message } } }',
        {
          input: {
            modelId, framework: 'sklearn', trainedOn,
            hyperparameters: { learning_rate: 0.1, depth: 6 },
            metrics: [{ name: 'auc', value: 0.91 }],
          },
        });
      if ((data.createModelVersion.errors ?? []).length > 0) throw new Error(JSON.stringify(data.createModelVersion.errors));
    };

    // Warm-up: JIT, pools and plans on both paths.
    for (let i = 0; i < 50; i++) await floor();
    for (let i = 0; i < 20; i++) await write();

    const cells = [];
    for (const clients of options.clients) {
      for (let repeat = 0; repeat < options.repeats; repeat++) {
        const reads = await drive(floor, clients, options.seconds);
        const writes = await drive(write, clients, options.seconds);
        cells.push({ clients, repeat, reads, writes });
        console.error(`clients ${clients} repeat ${repeat + 1}: ${reads.perSecond} reads/s (p50 ${reads.p50} ms), ${writes.perSecond} writes/s (p50 ${writes.p50} ms, p99 ${writes.p99} ms)`);
      }
    }
    const summary = options.clients.map((clients) => {
      const mine = cells.filter((c) => c.clients === clients);
      return {
        clients,
        writesPerSecond: round(median(mine.map((c) => c.writes.perSecond)), 1),
        writeP50: round(median(mine.map((c) => c.writes.p50))),
        writeP99: round(median(mine.map((c) => c.writes.p99))),
        readsPerSecond: round(median(mine.map((c) => c.reads.perSecond)), 1),
        readP50: round(median(mine.map((c) => c.reads.p50))),
        rateRatio: round(median(mine.map((c) => c.writes.perSecond / c.reads.perSecond)), 3),
        p50Ratio: round(median(mine.map((c) => c.writes.p50 / c.reads.p50)), 1),
        failures: mine.reduce((sum, c) => sum + c.writes.failures + c.reads.failures, 0),
      };
    });
    const result = { provider: options.provider, seconds: options.seconds, repeats: options.repeats, cpus: os.cpus().length, summary, cells };
    const text = JSON.stringify(result, null, 2);
    if (options.out) fs.writeFileSync(options.out, text);
    console.log(JSON.stringify(summary, null, 2));
  } finally {
    await server.stop();
    fs.rmSync(keys, { recursive: true, force: true });
  }
}


main().catch((error) => {
  console.error(error);
  process.exit(1);
});
