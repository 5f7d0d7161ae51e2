'use strict';

// Telemetry overhead: the nested query and the write of the other benchmarks, against two Api processes started side by
// side on the same data shape, one with telemetry off (no /metrics, no tracer) and one with everything on (/metrics
// scraped every 5 s, traces exported over OTLP/HTTP to a local sink that accepts and discards them). Cells alternate
// off/on within each repeat, so both see the same machine load; the report quotes medians over the repeats.
//
//   node bench/telemetry/run.js [--clients 8] [--seconds 10] [--repeats 5] [--out result.json]

const fs = require('node:fs');
const http = require('node:http');
const os = require('node:os');
const { startServer, freePort } = require('../../tests/e2e/support/server');
const { drive, median, round } = require('../support/closed-loop');

const NESTED = '{ models(first: 50) { nodes { versions { nodes { metrics { name value } trainedOn { version } deployments { consumers { name } } } } } } }';
const MODELS = 50;
const VERSIONS_PER_MODEL = 6;

const options = parseOptions(process.argv.slice(2));

function parseOptions(argv) {
  const parsed = { clients: 8, seconds: 10, repeats: 5, out: null };
  for (let i = 0; i < argv.length; i += 2) {
    const key = argv[i].replace(/^--/, '');
    if (!(key in parsed)) throw new Error(`unknown option ${argv[i]}`);
    parsed[key] = key === 'out' ? argv[i + 1] : Number(argv[i + 1]);
  }
  if (!(parsed.clients >= 1 && parsed.clients <= 64)) throw new Error('--clients must be 1..64');
  if (!(parsed.seconds >= 1 && parsed.seconds <= 120)) throw new Error('--seconds must be 1..120');
  if (!(parsed.repeats >= 1 && parsed.repeats <= 20)) throw new Error('--repeats must be 1..20');
  return parsed;
}


/** An OTLP/HTTP receiver that answers every export with an empty (valid) response and counts what it got. */
async function startSink() {
  const port = await freePort();
  const received = { requests: 0, bytes: 0 };
  const server = http.createServer((request, response) => {
    request.on('data', (chunk) => { received.bytes += chunk.length; });
    request.on('end', () => {
      received.requests += 1;
      response.writeHead(200, { 'content-type': 'application/x-protobuf' });
      response.end();
    });
  });
  await new Promise((resolve) => server.listen(port, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${port}`, received, stop: () => new Promise((resolve) => server.close(resolve)) };
}

function client(server) {
  return async (query, variables) => {
    const response = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': server.adminKey },
      body: JSON.stringify({ query, variables }),
    });
    const body = await response.json();
    if (response.status !== 200 || body.errors) throw new Error(`HTTP ${response.status}: ${JSON.stringify(body).slice(0, 300)}`);
    return body.data;
  };
}

/** The same registry on both servers: models with versions, metrics, a TRAINED_ON edge and a deployment with a consumer. */
async function seed(post) {
  const dataset = await post('mutation($i: RegisterDatasetInput!) { registerDataset(input: $i) { dataset { id } } }',
    { i: { name: 'bench-data', owner: 'bench' } });
  const dv = await post('mutation($i: CreateDatasetVersionInput!) { createDatasetVersion(input: $i) { datasetVersion { id } } }',
    { i: { datasetId: dataset.registerDataset.dataset.id, version: 'v1', uri: 's3://bench/v1', sha256: 'a'.repeat(64) } });
  const trainedOn = [dv.createDatasetVersion.datasetVersion.id];
  let firstModel;
  for (let m = 0; m < MODELS; m++) {
    const model = await post('mutation($i: RegisterModelInput!) { registerModel(input: $i) { model { id } } }',
      { i: { name: `bench-model-${m}`, task: 'CLASSIFICATION', owner: 'bench' } });
    const modelId = model.registerModel.model.id;
    firstModel ??= modelId;
    for (let v = 0; v < VERSIONS_PER_MODEL; v++) {
      const version = await post('mutation($i: CreateModelVersionInput!) { createModelVersion(input: $i) { modelVersion { id } } }',
        { i: { modelId, framework: 'sklearn', trainedOn, metrics: [{ name: 'auc', value: 0.9 }, { name: 'f1', value: 0.8 }] } });
      if (v === 0) {
        await post('mutation($i: RecordDeploymentInput!) { recordDeployment(input: $i) { errors { code } } }',
          { i: { modelVersionId: version.createModelVersion.modelVersion.id, environment: 'production', endpoint: `https://serve/${m}`, consumers: ['checkout'] } });
      }
    }
  }
  return { modelId: firstModel, trainedOn };
}


async function main() {
  const sink = await startSink();
  const common = { Registry__Limits__RequestsPerMinute: '0', Logging__LogLevel__Default: 'Warning' };
  const servers = {
    off: await startServer({ name: 'bench-telemetry-off', environment: 'Production', env: { ...common, Registry__Metrics__Enabled: 'false' } }),
    on: await startServer({
      name: 'bench-telemetry-on',
      environment: 'Production',
      env: { ...common, OTEL_EXPORTER_OTLP_ENDPOINT: sink.url, OTEL_EXPORTER_OTLP_PROTOCOL: 'http/protobuf' },
    }),
  };
  const scraper = setInterval(() => {
    fetch(`${servers.on.url}/metrics`, { headers: { 'x-api-key': servers.on.adminKey } }).then((r) => r.text()).catch(() => {});
  }, 5_000);
  try {
    const work = {};
    for (const [name, server] of Object.entries(servers)) {
      const post = client(server);
      const { modelId, trainedOn } = await seed(post);
      work[name] = {
        nested: () => post(NESTED),
        write: () => post('mutation($i: CreateModelVersionInput!) { createModelVersion(input: $i) { modelVersion { id } errors { code } } }',
          { i: { modelId, framework: 'sklearn', trainedOn, hyperparameters: { depth: 6 }, metrics: [{ name: 'auc', value: 0.91 }] } }),
      };
      for (let i = 0; i < 20; i++) await work[name].nested();
      for (let i = 0; i < 20; i++) await work[name].write();
    }
    const cells = [];
    for (let repeat = 0; repeat < options.repeats; repeat++) {
      // Which server goes first alternates, so neither always runs on the warmer (or busier) half of the repeat.
      const order = repeat % 2 === 0 ? ['off', 'on'] : ['on', 'off'];
      for (const scenario of ['nested', 'write']) {
        for (const telemetry of order) {
          const result = await drive(work[telemetry][scenario], options.clients, options.seconds);
          cells.push({ repeat, scenario, telemetry, ...result });
          console.error(`repeat ${repeat + 1} ${scenario} telemetry ${telemetry}: ${result.perSecond}/s p50 ${result.p50} ms p95 ${result.p95} ms`);
        }
      }
    }
    const summary = ['nested', 'write'].map((scenario) => {
      const of = (telemetry) => cells.filter((c) => c.scenario === scenario && c.telemetry === telemetry);
      const row = (telemetry) => ({
        perSecond: round(median(of(telemetry).map((c) => c.perSecond)), 1),
        p50: round(median(of(telemetry).map((c) => c.p50))),
        p95: round(median(of(telemetry).map((c) => c.p95))),
      });
      const off = row('off');
      const on = row('on');
      // Each repeat's on/off pair ran back to back, so its ratio is less exposed to the machine's load drifting.
      const paired = (field) => round((median(of('on').map((c, i) => c[field] / of('off')[i][field])) - 1) * 100, 1);
      return { scenario, off, on, pairedThroughputChange: paired('perSecond'), pairedP50Change: paired('p50') };
    });
    const result = { clients: options.clients, seconds: options.seconds, repeats: options.repeats, cpus: os.cpus().length, loadAverage: os.loadavg(), sink: sink.received, summary, cells };
    if (options.out) fs.writeFileSync(options.out, JSON.stringify(result, null, 2));
    console.log(JSON.stringify({ summary, sink: sink.received, loadAverage: os.loadavg() }, null, 2));
  } finally {
    clearInterval(scraper);
    await servers.off.stop();
    await servers.on.stop();
    await sink.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
