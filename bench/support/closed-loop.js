'use strict';

// Load helpers shared by the Node bench drivers: closed-loop clients and the statistics their reports quote.

const round = (value, digits = 2) => Math.round(value * 10 ** digits) / 10 ** digits;

function percentile(sorted, p) {
  if (sorted.length === 0) return null;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** Runs `operation` in `clients` closed loops for `seconds`; returns the rate and latency percentiles in ms. */
async function drive(operation, clients, seconds) {
  const latencies = [];
  let failures = 0;
  const started = performance.now();
  const deadline = started + seconds * 1000;
  await Promise.all(Array.from({ length: clients }, async () => {
    while (performance.now() < deadline) {
      const at = performance.now();
      try {
        await operation();
        latencies.push(performance.now() - at);
      } catch (error) {
        failures++;
        if (failures === 1) console.error(`first failure: ${error.message}`);
      }
    }
  }));
  const elapsed = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    completed: latencies.length,
    failures,
    perSecond: round(latencies.length / elapsed, 1),
    p50: round(percentile(latencies, 50)),
    p95: round(percentile(latencies, 95)),
    p99: round(percentile(latencies, 99)),
  };
}

module.exports = { drive, median, percentile, round };
