'use strict';

// Starts the real ModelRegistry.Api on a free loopback port for one suite.
//
//   const { startServer } = require('./support/server');
//   const server = await startServer({ name: 'audit' });
//   ... fetch(`${server.url}/graphql`, { headers: { 'X-Api-Key': server.adminKey } }) ...
//   await server.stop();
//
// The Api is built once per process unless the caller says it is already built
// (scripts/test.sh builds the whole solution first and sets REGISTRY_E2E_SKIP_BUILD=1).

const { spawn, execFile } = require('node:child_process');
const crypto = require('node:crypto');
const fs = require('node:fs');
const fsp = require('node:fs/promises');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');
const { promisify } = require('node:util');

const execFileAsync = promisify(execFile);

const repositoryRoot = findRepositoryRoot(__dirname);
const apiProjectDirectory = path.join(repositoryRoot, 'src', 'ModelRegistry.Api');
const outputDirectory = path.join(repositoryRoot, 'tests', 'e2e', 'output');
const configuration = process.env.REGISTRY_E2E_CONFIGURATION || 'Release';
const startTimeoutMs = Number(process.env.REGISTRY_E2E_START_TIMEOUT_MS || 90_000);
const stopTimeoutMs = 10_000;

/** Every server this process started and has not stopped yet, so a crash cannot leak one. */
const running = new Set();
let buildOnce;

process.on('exit', () => {
  for (const child of running) {
    child.kill('SIGKILL');
  }
});

function findRepositoryRoot(start) {
  let directory = start;
  while (!fs.existsSync(path.join(directory, 'ModelRegistry.sln'))) {
    const parent = path.dirname(directory);
    if (parent === directory) {
      throw new Error(`ModelRegistry.sln not found above ${start}`);
    }
    directory = parent;
  }
  return directory;
}

/** Path of the Api assembly that `dotnet build -c <configuration>` produces. */
function apiAssemblyPath() {
  return path.join(apiProjectDirectory, 'bin', configuration, 'net10.0', 'ModelRegistry.Api.dll');
}

/** Builds the Api at most once per process; resolves to the assembly path. */
function ensureApiBuilt() {
  if (!buildOnce) {
    buildOnce = (async () => {
      if (process.env.REGISTRY_E2E_SKIP_BUILD !== '1') {
        try {
          await execFileAsync(
            'dotnet',
            ['build', apiProjectDirectory, '-c', configuration, '--nologo', '-v', 'quiet', '-nodeReuse:false'],
            { cwd: repositoryRoot, maxBuffer: 64 * 1024 * 1024 },
          );
        } catch (error) {
          throw new Error(`dotnet build of the Api failed:\n${error.stdout}${error.stderr}`);
        }
      }
      const assembly = apiAssemblyPath();
      if (!fs.existsSync(assembly)) {
        throw new Error(`${assembly} does not exist; build the solution with -c ${configuration} first`);
      }
      return assembly;
    })();
  }
  return buildOnce;
}

/** Asks the OS for a free loopback port. */
function freePort() {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.unref();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

function delay(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

async function tail(file, lines = 40) {
  try {
    const text = await fsp.readFile(file, 'utf8');
    return text.split('\n').slice(-lines).join('\n');
  } catch {
    return '(no server output)';
  }
}

async function waitUntilHealthy(url, child, logFile) {
  const deadline = Date.now() + startTimeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(
        `the Api exited (code ${child.exitCode}, signal ${child.signalCode}) before /healthz answered:\n${await tail(logFile)}`,
      );
    }
    try {
      const response = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(2_000) });
      if (response.status === 200) {
        return;
      }
    } catch {
      // Not listening yet: keep polling until the deadline.
    }
    await delay(250);
  }
  throw new Error(`/healthz did not answer 200 within ${startTimeoutMs} ms:\n${await tail(logFile)}`);
}

function waitForExit(child, ms) {
  if (child.exitCode !== null || child.signalCode !== null) {
    return Promise.resolve(true);
  }
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), ms);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

/**
 * Starts the Api and waits until `GET /healthz` answers 200.
 *
 * @param {object} [options]
 * @param {string} [options.name] label for the log file under tests/e2e/output/logs
 * @param {string} [options.environment] ASPNETCORE_ENVIRONMENT, `Development` by default
 * @param {Record<string, string>} [options.env] extra configuration, e.g. `{ Registry__Seed: 'demo' }`
 * @param {string} [options.dataDirectory] reuse this data directory (it is then not deleted on stop)
 * @param {number} [options.port] listen on this loopback port instead of a free one (e.g. a replica restarted
 *   behind a proxy that knows its port)
 * @param {string[]} [options.extraUrls] more addresses to listen on (e.g. a metrics port), after the main one
 * @returns {Promise<{url: string, port: number, pid: number, adminKey: string, dataDirectory: string, logFile: string, stop: () => Promise<void>, kill: () => Promise<void>}>}
 *   `adminKey` is the bootstrap admin key this server accepts in `X-Api-Key`; it is new for every start unless
 *   `options.env` gives `Registry__Auth__BootstrapAdminKey`. `kill` ends the process with SIGKILL, as a crash would,
 *   and keeps the data directory (`stop` afterwards still removes one the server owns).
 */
async function startServer(options = {}) {
  const assembly = await ensureApiBuilt();
  const name = options.name || 'server';
  const ownsDataDirectory = !options.dataDirectory;
  const dataDirectory = options.dataDirectory || (await fsp.mkdtemp(path.join(os.tmpdir(), `registry-e2e-${name}-`)));
  const port = options.port ?? (await freePort());
  const url = `http://127.0.0.1:${port}`;

  const logDirectory = path.join(outputDirectory, 'logs');
  await fsp.mkdir(logDirectory, { recursive: true });
  const logFile = path.join(logDirectory, `${name}-${port}.log`);
  const log = fs.openSync(logFile, 'w');

  // A fresh key per start, so no suite can depend on a key another run or a config file left behind.
  const adminKey = `e2e-${crypto.randomBytes(24).toString('hex')}`;
  const env = {
    ...process.env,
    ASPNETCORE_ENVIRONMENT: options.environment || 'Development',
    DOTNET_NOLOGO: '1',
    DOTNET_CLI_TELEMETRY_OPTOUT: '1',
    Registry__DataDirectory: dataDirectory,
    Registry__Auth__BootstrapAdminKey: adminKey,
    ...options.env,
  };
  // --urls wins over any ASPNETCORE_URLS inherited from the shell.
  delete env.ASPNETCORE_URLS;

  // The project folder is the content root, as with `dotnet run`, so wwwroot resolves.
  const urls = [url, ...(options.extraUrls || [])].join(';');
  const child = spawn('dotnet', [assembly, '--urls', urls], {
    cwd: apiProjectDirectory,
    env,
    stdio: ['ignore', log, log],
  });
  fs.closeSync(log);
  running.add(child);
  child.once('exit', () => running.delete(child));

  let stopped;
  async function kill() {
    child.kill('SIGKILL');
    await waitForExit(child, stopTimeoutMs);
  }

  async function stop() {
    if (!stopped) {
      stopped = (async () => {
        child.kill('SIGTERM');
        if (!(await waitForExit(child, stopTimeoutMs))) {
          child.kill('SIGKILL');
          await waitForExit(child, stopTimeoutMs);
        }
        if (ownsDataDirectory) {
          await fsp.rm(dataDirectory, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
        }
      })();
    }
    return stopped;
  }

  try {
    await waitUntilHealthy(url, child, logFile);
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, port, pid: child.pid, adminKey: env.Registry__Auth__BootstrapAdminKey, dataDirectory, logFile, stop, kill };
}

module.exports = { startServer, freePort, delay, repositoryRoot, outputDirectory };
