'use strict';

// Runs graphql-http's GraphQL-over-HTTP conformance audit against /graphql.
// Warnings are recommendations and are reported; any `error` is a MUST the server breaks.

const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs/promises');
const path = require('node:path');
const { auditServer } = require('graphql-http');
const { startServer, outputDirectory } = require('./support/server');

let server;

before(async () => {
  server = await startServer({ name: 'audit' });
});

after(async () => {
  await server?.stop();
});

function describeResult(result) {
  return `[${result.status}] ${result.id} ${result.name}${result.reason ? ` -- ${result.reason}` : ''}`;
}

test('GraphQL over HTTP audit reports no error at /graphql', async () => {
  const results = await auditServer({ url: `${server.url}/graphql`, fetchFn: fetch });
  assert.ok(results.length > 0, 'the audit ran no checks');

  const counts = { ok: 0, notice: 0, warn: 0, error: 0 };
  for (const result of results) {
    counts[result.status] += 1;
  }
  console.log(`graphql-http audit: ${counts.ok} ok, ${counts.notice} notice, ${counts.warn} warn, ${counts.error} error`);

  const findings = results.filter((result) => result.status !== 'ok');
  for (const finding of findings) {
    console.log(describeResult(finding));
  }

  await fs.mkdir(outputDirectory, { recursive: true });
  await fs.writeFile(
    path.join(outputDirectory, 'audit.json'),
    JSON.stringify({ counts, findings: findings.map(({ id, name, status, reason }) => ({ id, name, status, reason })) }, null, 2),
  );

  const errors = results.filter((result) => result.status === 'error');
  assert.equal(
    errors.length,
    0,
    `${errors.length} MUST requirement(s) failed (listed above): ${errors.map((result) => result.id).join(', ')}`,
  );
});
