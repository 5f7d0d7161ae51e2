'use strict';

// Uploads one large generated artifact to a running Api and samples the server's resident memory,
// to show that uploads stream instead of buffering. Then downloads it back and checks the digest.
//
//   node bench/artifacts/run.js [--mib 1024] [--provider FileSystem|AzureBlob] [--out result.json]
//
// The body is generated in 1 MiB chunks (nothing on disk on the client side). With --provider
// AzureBlob the bench starts Azurite from tests/e2e/node_modules (run scripts/prerequisites.sh).

const crypto = require('node:crypto');
const fs = require('node:fs');
const http = require('node:http');
const net = require('node:net');
const path = require('node:path');
const { spawn } = require('node:child_process');

const { startServer } = require('../../tests/e2e/support/server');
const { createRegistryClient } = require('../../tests/e2e/support/registry');

const ChunkBytes = 1024 * 1024;
const SampleEveryMs = 50;
const AzuriteKey = 'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';

function parseOptions(argv) {
  const options = { mib: 1024, provider: 'FileSystem', out: null };
  for (let i = 0; i < argv.length; i += 2) {
    const [name, value] = [argv[i], argv[i + 1]];
    if (name === '--mib') options.mib = Number(value);
    else if (name === '--provider') options.provider = value;
    else if (name === '--out') options.out = value;
    else throw new Error(`unknown option ${name}`);
  }
  if (!(options.mib > 0) || !['FileSystem', 'AzureBlob'].includes(options.provider)) {
    throw new Error('usage: run.js [--mib N] [--provider FileSystem|AzureBlob] [--out file]');
  }
  return options;
}

function rssMiB(pid) {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)\s+kB/.exec(status)[1]) / 1024;
}

/** Samples VmRSS until stopped; resolves to the peak. */
function sampler(pid) {
  let peak = rssMiB(pid);
  const timer = setInterval(() => {
    peak = Math.max(peak, rssMiB(pid));
  }, SampleEveryMs);
  return { stop: () => { clearInterval(timer); peak = Math.max(peak, rssMiB(pid)); return peak; } };
}

function freePort() {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

async function startAzurite() {
  const executable = path.join(__dirname, '..', '..', 'tests', 'e2e', 'node_modules', '.bin', 'azurite-blob');
  if (!fs.existsSync(executable)) {
    throw new Error(`${executable} is missing: run scripts/prerequisites.sh`);
  }
  const port = await freePort();
  const child = spawn(executable, ['--inMemoryPersistence', '--blobHost', '127.0.0.1', '--blobPort', String(port), '--skipApiVersionCheck', '--loose'],
    { stdio: 'ignore' });
  const deadline = Date.now() + 60_000;
  for (;;) {
    const open = await new Promise((resolve) => {
      const socket = net.connect(port, '127.0.0.1', () => { socket.end(); resolve(true); });
      socket.once('error', () => resolve(false));
    });
    if (open) break;
    if (Date.now() > deadline) throw new Error('Azurite did not start within 60 s');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    connectionString: `DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=${AzuriteKey};BlobEndpoint=http://127.0.0.1:${port}/devstoreaccount1;`,
    stop: () => child.kill('SIGKILL'),
  };
}

/** PUTs `mib` MiB of pseudo-random bytes with a Content-Length; resolves to the JSON answer and the client's digest. */
function upload(baseUrl, apiKey, versionId, mib) {
  const url = new URL(`/artifacts/${versionId}/model.bin`, baseUrl);
  const hash = crypto.createHash('sha256');
  const chunk = crypto.randomBytes(ChunkBytes);
  return new Promise((resolve, reject) => {
    const request = http.request(url, {
      method: 'PUT',
      headers: { 'X-Api-Key': apiKey, 'Content-Type': 'application/octet-stream', 'Content-Length': String(mib * ChunkBytes) },
    }, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (text) => { body += text; });
      response.on('end', () => resolve({ status: response.statusCode, json: JSON.parse(body), sha256: hash.digest('hex') }));
    });
    request.on('error', reject);
    let sent = 0;
    const pump = () => {
      while (sent < mib) {
        // Vary each chunk so the body is not one repeated MiB.
        chunk.writeUInt32LE(sent, 0);
        hash.update(chunk);
        sent += 1;
        if (!request.write(chunk)) {
          request.once('drain', pump);
          return;
        }
      }
      request.end();
    };
    pump();
  });
}

/** GETs a download URL and hashes what arrives. */
function download(baseUrl, downloadUrl) {
  const hash = crypto.createHash('sha256');
  return new Promise((resolve, reject) => {
    http.get(new URL(downloadUrl, baseUrl), (response) => {
      let bytes = 0;
      response.on('data', (data) => { bytes += data.length; hash.update(data); });
      response.on('end', () => resolve({ status: response.statusCode, bytes, sha256: hash.digest('hex') }));
    }).on('error', reject);
  });
}

async function main() {
  const options = parseOptions(process.argv.slice(2));
  const machine = { nproc: require('node:os').availableParallelism(), memoryGiB: Math.round(require('node:os').totalmem() / 2 ** 30) };
  console.log(`artifact bench: ${options.mib} MiB upload and download, ${options.provider} store`);
  const azurite = options.provider === 'AzureBlob' ? await startAzurite() : null;
  const env = { Registry__Artifacts__Provider: options.provider, Registry__Limits__RequestsPerMinute: '0' };
  if (azurite) {
    env.Registry__Artifacts__ConnectionString = azurite.connectionString;
    env.Registry__Artifacts__Container = 'bench';
  }
  const server = await startServer({ name: 'bench-artifacts', environment: 'Production', env });
  try {
    const registry = createRegistryClient(server.url, { apiKey: server.adminKey });
    const model = await registry.registerModel('bench-artifacts');
    const version = await registry.createModelVersion(model.id);
    const idleMiB = rssMiB(server.pid);

    const uploadSampler = sampler(server.pid);
    const uploadStarted = process.hrtime.bigint();
    const uploaded = await upload(server.url, server.adminKey, version.id, options.mib);
    const uploadSeconds = Number(process.hrtime.bigint() - uploadStarted) / 1e9;
    const uploadPeakMiB = uploadSampler.stop();
    if (uploaded.status !== 201 || uploaded.json.sha256 !== uploaded.sha256) {
      throw new Error(`upload failed or digest differs: ${uploaded.status} ${JSON.stringify(uploaded.json)} (client ${uploaded.sha256})`);
    }
    const afterUploadMiB = rssMiB(server.pid);

    const downloadSampler = sampler(server.pid);
    const downloadStarted = process.hrtime.bigint();
    const downloaded = await download(server.url, uploaded.json.downloadUrl);
    const downloadSeconds = Number(process.hrtime.bigint() - downloadStarted) / 1e9;
    const downloadPeakMiB = downloadSampler.stop();
    if (downloaded.status !== 200 || downloaded.sha256 !== uploaded.sha256) {
      throw new Error(`download failed or digest differs: ${downloaded.status} ${downloaded.sha256}`);
    }

    const result = {
      machine, provider: options.provider, mib: options.mib,
      rssMiB: {
        idle: Math.round(idleMiB), uploadPeak: Math.round(uploadPeakMiB), afterUpload: Math.round(afterUploadMiB),
        downloadPeak: Math.round(downloadPeakMiB), uploadGrowth: Math.round(uploadPeakMiB - idleMiB),
        downloadGrowth: Math.round(downloadPeakMiB - afterUploadMiB),
      },
      uploadMiBPerSecond: Math.round(options.mib / uploadSeconds),
      downloadMiBPerSecond: Math.round(options.mib / downloadSeconds),
      sha256: uploaded.sha256,
    };
    console.log(JSON.stringify(result, null, 2));
    if (options.out) fs.writeFileSync(options.out, JSON.stringify(result, null, 2));
    const limitMiB = 100;
    if (result.rssMiB.uploadGrowth >= limitMiB) {
      console.error(`upload raised the server's RSS by ${result.rssMiB.uploadGrowth} MiB (target < ${limitMiB} MiB)`);
      process.exitCode = 1;
    }
  } finally {
    await server.stop();
    if (azurite) azurite.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
