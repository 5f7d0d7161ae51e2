'use strict';

// The scale-out topology for real: a throwaway PostgreSQL 15 cluster (scripts/postgres.sh), two API processes on
// one database, and nginx in front with deploy/nginx/registry.conf, the file the compose `scale` profile mounts.
//
//   const topology = await startTopology({ name: 'replicas' });
//   topology.a.url, topology.b.url        each replica directly
//   topology.proxy.url                    nginx, spreading requests over both
//   await topology.kill('a');             SIGKILL, as a crash would; topology.restart('a') brings it back
//   await topology.stop();                everything, cluster and folders included
//
// The replicas share what the README's "Run at scale" says they share: the database, the audit anchor key file and
// the FileSystem artifact folder (linked into each data directory as `artifacts`). Each keeps its own data directory.

const { spawn, execFile } = require('node:child_process');
const crypto = require('node:crypto');
const fs = require('node:fs');
const fsp = require('node:fs/promises');
const os = require('node:os');
const path = require('node:path');
const { promisify } = require('node:util');
const { startServer, freePort, delay, repositoryRoot, outputDirectory } = require('./server');

const execFileAsync = promisify(execFile);
const postgresScript = path.join(repositoryRoot, 'scripts', 'postgres.sh');
const nginxConfig = path.join(repositoryRoot, 'deploy', 'nginx', 'registry.conf');
const nginxBinary = process.env.REGISTRY_E2E_NGINX || '/usr/sbin/nginx';
const psqlBinary = process.env.REGISTRY_E2E_PSQL || 'psql';

/** Every cluster folder and nginx this process started and has not stopped, so a crash cannot leak one. */
const clusters = new Set();
const proxies = new Set();

process.on('exit', () => {
  for (const child of proxies) {
    child.kill('SIGKILL');
  }
  for (const directory of clusters) {
    // Synchronous on purpose: 'exit' handlers cannot wait.
    require('node:child_process').spawnSync('bash', [postgresScript, 'stop', directory], { stdio: 'ignore' });
  }
});

/**
 * Starts a throwaway cluster. Resolves to its admin connection string (no database named), a `psql(sql, database)`
 * helper, `createDatabase(name)` and `stop()`.
 */
async function startCluster() {
  // postgres.sh hands the folder to the postgres user when run as root; a fresh mkdtemp folder is one it can take.
  const directory = await fsp.mkdtemp(path.join(os.tmpdir(), 'registry-e2e-postgres-'));
  clusters.add(directory);
  let adminConnection;
  try {
    const { stdout } = await execFileAsync('bash', [postgresScript, 'start', directory], { timeout: 120_000 });
    adminConnection = stdout.trim().split('\n').at(-1);
  } catch (error) {
    clusters.delete(directory);
    await execFileAsync('bash', [postgresScript, 'stop', directory]).catch(() => {});
    throw new Error(`scripts/postgres.sh start failed:\n${error.stdout ?? ''}${error.stderr ?? error.message}`);
  }
  const port = Number(/Port=(\d+)/.exec(adminConnection)[1]);

  async function psql(sql, database = 'postgres') {
    try {
      const { stdout } = await execFileAsync(
        psqlBinary,
        ['-h', '127.0.0.1', '-p', String(port), '-U', 'postgres', '-d', database, '-v', 'ON_ERROR_STOP=1', '-Atqc', sql],
        { timeout: 60_000 },
      );
      return stdout.trim();
    } catch (error) {
      throw new Error(`psql failed on ${database}: ${sql}\n${error.stderr ?? error.message}`);
    }
  }

  let stopped;
  return {
    adminConnection,
    port,
    directory,
    psql,
    /** The connection string a replica uses for one database of this cluster. */
    connectionString: (database) => `${adminConnection};Database=${database}`,
    async createDatabase(name) {
      await psql(`CREATE DATABASE "${name}"`);
    },
    stop() {
      stopped ??= execFileAsync('bash', [postgresScript, 'stop', directory], { timeout: 120_000 }).then(() => {
        clusters.delete(directory);
      });
      return stopped;
    },
  };
}

/**
 * deploy/nginx/registry.conf made to run here: the compose service names become the replicas' loopback ports and
 * the listen address a loopback port. Everything else (upgrades, buffering, time-outs, balancing) stays as shipped.
 */
async function adaptedProxyConfig(upstreamPorts, listenPort) {
  let config = await fsp.readFile(nginxConfig, 'utf8');
  const servers = [...config.matchAll(/server\s+(api-[a-z]+):\d+/g)];
  if (servers.length !== upstreamPorts.length) {
    throw new Error(`deploy/nginx/registry.conf names ${servers.length} upstream servers, the topology has ${upstreamPorts.length}`);
  }
  servers.forEach((match, i) => {
    config = config.replace(match[0], `server 127.0.0.1:${upstreamPorts[i]}`);
  });
  const adapted = config.replace(/listen\s+\d+;/, `listen 127.0.0.1:${listenPort};`);
  if (adapted === config) {
    throw new Error('deploy/nginx/registry.conf has no `listen <port>;` line to adapt');
  }
  return adapted;
}

/**
 * Starts nginx in the foreground from a folder of its own, in front of the given loopback ports, and waits until
 * `GET /healthz` answers 200 through it. Resolves to `{ url, port, directory, stop }`.
 */
async function startProxy(upstreamPorts, options = {}) {
  if (!fs.existsSync(nginxBinary)) {
    throw new Error(`${nginxBinary} is missing: run scripts/prerequisites.sh (apt-get install -y nginx)`);
  }
  const directory = await fsp.mkdtemp(path.join(os.tmpdir(), 'registry-e2e-nginx-'));
  // As root, nginx's worker runs as nobody: it must reach the folder and write its temp files.
  await fsp.chmod(directory, 0o755);
  await fsp.mkdir(path.join(directory, 'tmp'), { mode: 0o777 });
  await fsp.chmod(path.join(directory, 'tmp'), 0o777);
  const port = await freePort();
  await fsp.writeFile(path.join(directory, 'registry.conf'), await adaptedProxyConfig(upstreamPorts, port));
  const temp = path.join(directory, 'tmp');
  await fsp.writeFile(
    path.join(directory, 'nginx.conf'),
    [
      'daemon off;',
      'worker_processes 1;',
      `pid ${directory}/nginx.pid;`,
      `error_log ${directory}/error.log warn;`,
      'events { worker_connections 1024; }',
      'http {',
      '  access_log off;',
      `  client_body_temp_path ${temp}/body; proxy_temp_path ${temp}/proxy; fastcgi_temp_path ${temp}/fastcgi;`,
      `  uwsgi_temp_path ${temp}/uwsgi; scgi_temp_path ${temp}/scgi;`,
      `  include ${directory}/registry.conf;`,
      '}',
      '',
    ].join('\n'),
  );

  const logDirectory = path.join(outputDirectory, 'logs');
  await fsp.mkdir(logDirectory, { recursive: true });
  const logFile = path.join(logDirectory, `${options.name || 'nginx'}-${port}.log`);
  const log = fs.openSync(logFile, 'w');
  const child = spawn(nginxBinary, ['-p', directory, '-e', `${directory}/error.log`, '-c', `${directory}/nginx.conf`], {
    stdio: ['ignore', log, log],
  });
  fs.closeSync(log);
  proxies.add(child);
  child.once('exit', () => proxies.delete(child));

  let stopped;
  async function stop() {
    stopped ??= (async () => {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGQUIT');
        await Promise.race([exited, delay(5_000)]);
        if (child.exitCode === null && child.signalCode === null) {
          child.kill('SIGKILL');
          await exited;
        }
      }
      // Keep nginx's own log beside the servers' logs.
      await fsp.copyFile(path.join(directory, 'error.log'), `${logFile}.error.log`).catch(() => {});
      await fsp.rm(directory, { recursive: true, force: true });
    })();
    return stopped;
  }

  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) {
      const errors = await fsp.readFile(path.join(directory, 'error.log'), 'utf8').catch(() => '');
      await stop();
      throw new Error(`nginx exited (code ${child.exitCode}) before it served /healthz:\n${errors}`);
    }
    try {
      const response = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(2_000) });
      if (response.status === 200) {
        break;
      }
    } catch {
      // Not listening yet.
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error('nginx did not serve /healthz within 30 s');
    }
    await delay(100);
  }
  return { url, port, directory, stop };
}

/**
 * Everything a replica of the topology needs, beyond the database: Postgres for data and jobs, the shared anchor key.
 */
function replicaEnvironment(connectionString, anchorKeyPath, adminKey) {
  return {
    Registry__Database__Provider: 'Postgres',
    ConnectionStrings__Registry: connectionString,
    Registry__Jobs__Storage: 'Postgres',
    Registry__Artifacts__Provider: 'FileSystem',
    Registry__Audit__AnchorKeyPath: anchorKeyPath,
    Registry__Auth__BootstrapAdminKey: adminKey,
  };
}

/** A replica's own data directory, whose `artifacts` is the shared artifact folder. */
async function replicaDataDirectory(root, name, sharedArtifacts) {
  const directory = path.join(root, name);
  await fsp.mkdir(directory, { recursive: true });
  await fsp.symlink(sharedArtifacts, path.join(directory, 'artifacts'), 'dir');
  return directory;
}

/**
 * Starts the whole topology: cluster, database `registry`, replicas A and B started at the same moment on the
 * empty database, nginx in front of both.
 *
 * @param {object} [options]
 * @param {string} [options.name] label for the log files
 * @param {Record<string, string>} [options.env] extra configuration for both replicas
 */
async function startTopology(options = {}) {
  const name = options.name || 'replicas';
  const cleanups = [];
  async function cleanUp() {
    for (const cleanup of cleanups.reverse()) {
      await cleanup().catch(() => {});
    }
    cleanups.length = 0;
  }

  try {
    const cluster = await startCluster();
    cleanups.push(() => cluster.stop());
    await cluster.createDatabase('registry');

    const root = await fsp.mkdtemp(path.join(os.tmpdir(), `registry-e2e-${name}-`));
    cleanups.push(() => fsp.rm(root, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 }));
    const shared = path.join(root, 'shared');
    const artifacts = path.join(shared, 'artifacts');
    await fsp.mkdir(artifacts, { recursive: true });
    const anchorKeyPath = path.join(shared, 'audit-anchor.key');
    const adminKey = `e2e-${crypto.randomBytes(24).toString('hex')}`;
    const environment = { ...replicaEnvironment(cluster.connectionString('registry'), anchorKeyPath, adminKey), ...options.env };

    const replicas = {};
    const settings = {};
    for (const label of ['a', 'b']) {
      settings[label] = {
        port: await freePort(),
        dataDirectory: await replicaDataDirectory(root, label, artifacts),
        starts: 0,
      };
    }

    async function start(label) {
      const setting = settings[label];
      setting.starts += 1;
      const server = await startServer({
        name: `${name}-${label}${setting.starts > 1 ? `-restart${setting.starts - 1}` : ''}`,
        port: setting.port,
        dataDirectory: setting.dataDirectory,
        env: environment,
      });
      replicas[label] = server;
      return server;
    }

    cleanups.push(async () => {
      await Promise.all(Object.values(replicas).map((replica) => replica.stop()));
    });
    // Both at once on the empty database: the start-up race happens on every run of the suite.
    const started = await Promise.allSettled([start('a'), start('b')]);
    const failure = started.find((result) => result.status === 'rejected');
    if (failure) {
      throw failure.reason;
    }

    const proxy = await startProxy([settings.a.port, settings.b.port], { name: `${name}-nginx` });
    cleanups.push(() => proxy.stop());

    return {
      cluster,
      proxy,
      adminKey,
      anchorKeyPath,
      artifactDirectory: artifacts,
      get a() {
        return replicas.a;
      },
      get b() {
        return replicas.b;
      },
      /** SIGKILL one replica, as a crash would; its port stays reserved in nginx's upstream. */
      async kill(label) {
        await replicas[label].kill();
      },
      /** Starts a killed or stopped replica again, on its port and data directory. */
      async restart(label) {
        await replicas[label].stop();
        return start(label);
      },
      /** Starts one more API process on another (e.g. empty) database of the cluster, sharing nothing by default. */
      async startExtraReplica(label, extra = {}) {
        const server = await startServer({ name: `${name}-${label}`, env: { ...extra } });
        cleanups.push(() => server.stop());
        return server;
      },
      replicaEnvironment: (database, keyPath) => replicaEnvironment(cluster.connectionString(database), keyPath, adminKey),
      stop: cleanUp,
    };
  } catch (error) {
    await cleanUp();
    throw error;
  }
}

module.exports = { startTopology, startCluster, startProxy, adaptedProxyConfig };
