'use strict';

// A real Prometheus (Debian's package) on a free loopback port, for suites that need monitoring data or a scrape:
//
//   const prometheus = await startPrometheus({ name: 'drift', openMetrics: text });  // backfilled with promtool
//   ... configureMonitoring with prometheus.url ...
//   await prometheus.stop();
//
// With `openMetrics`, the text is backfilled into the TSDB before Prometheus starts (promtool tsdb
// create-blocks-from openmetrics), so a suite can ask about hours that never happened. `scrapeConfigs` (YAML text,
// the list under scrape_configs) makes it scrape too.

const { spawn, execFile } = require('node:child_process');
const fs = require('node:fs');
const fsp = require('node:fs/promises');
const os = require('node:os');
const path = require('node:path');
const { promisify } = require('node:util');
const { freePort, delay } = require('./server');

const execFileAsync = promisify(execFile);
const prometheusPath = '/usr/bin/prometheus';
const promtoolPath = '/usr/bin/promtool';

function requirePrometheus() {
  for (const tool of [prometheusPath, promtoolPath]) {
    if (!fs.existsSync(tool)) {
      throw new Error(`${tool} is missing; run scripts/prerequisites.sh (it installs the Debian package "prometheus")`);
    }
  }
}

async function startPrometheus({ name, openMetrics = null, scrapeConfigs = '[]', scrapeInterval = '1h' }) {
  requirePrometheus();
  const directory = await fsp.mkdtemp(path.join(os.tmpdir(), `registry-prometheus-${name}-`));
  const data = path.join(directory, 'data');
  if (openMetrics !== null) {
    const fixture = path.join(directory, 'fixture.om');
    await fsp.writeFile(fixture, openMetrics);
    await execFileAsync(promtoolPath, ['tsdb', 'create-blocks-from', 'openmetrics', fixture, data]);
  }
  const config = path.join(directory, 'prometheus.yml');
  await fsp.writeFile(config, `global:\n  scrape_interval: ${scrapeInterval}\nscrape_configs: ${scrapeConfigs}\n`);
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(prometheusPath, [
    `--config.file=${config}`, `--storage.tsdb.path=${data}`, `--web.listen-address=127.0.0.1:${port}`, '--storage.tsdb.retention.time=3650d',
  ], { stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  child.stderr.on('data', (chunk) => { log = (log + chunk).slice(-4000); });
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`Prometheus exited during start-up:\n${log}`);
    const ready = await fetch(`${url}/-/ready`).then((r) => r.ok, () => false);
    if (ready) break;
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`Prometheus did not become ready on ${url} within 30 s:\n${log}`);
    }
    await delay(100);
  }
  return {
    url,
    async stop() {
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        await new Promise((resolve) => { child.once('exit', resolve); setTimeout(resolve, 5_000); });
      }
      await fsp.rm(directory, { recursive: true, force: true });
    },
  };
}

/**
 * OpenMetrics text of a histogram `<metric>_bucket{<selector>,feature=...,le=...}` over two hours from `start` (a Date
 * on the hour), sampled every five minutes: each step of the first hour adds `firstHour` to the bins, each step of the
 * second hour adds `secondHour`. With `edges` [10, 20, 30] the bins are ≤10, ≤20, ≤30 and +Inf.
 */
function histogramFixture({ metric, selector, feature, edges, start, firstHour, secondHour }) {
  const labels = [...edges.map((e) => e.toFixed(1)), '+Inf'];
  const cumulative = (step) => {
    const bins = new Array(labels.length).fill(0);
    for (let s = 1; s <= step; s += 1) {
      const add = s <= 12 ? firstHour : secondHour;
      for (let i = 0; i < bins.length; i += 1) bins[i] += add[i];
    }
    for (let i = 1; i < bins.length; i += 1) bins[i] += bins[i - 1];
    return bins;
  };
  const unix = (step) => Math.floor(start.getTime() / 1000) + step * 300;
  let text = `# TYPE ${metric} histogram\n`;
  for (let i = 0; i < labels.length; i += 1) {
    for (let step = 0; step <= 24; step += 1) {
      text += `${metric}_bucket{${selector},feature="${feature}",le="${labels[i]}"} ${cumulative(step)[i]} ${unix(step)}\n`;
    }
  }
  for (let step = 0; step <= 24; step += 1) {
    text += `${metric}_count{${selector},feature="${feature}"} ${cumulative(step)[labels.length - 1]} ${unix(step)}\n`;
  }
  return `${text}# EOF\n`;
}

module.exports = { startPrometheus, histogramFixture, requirePrometheus };
