'use strict';

// The introspection a code generator sends with every option graphql-js offers, against the real server: it must be
// answered, and the schema graphql-js builds from the answer must be the checked-in schema/schema.graphql, with no
// breaking or dangerous change either way.

const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const {
  buildClientSchema, buildSchema, findBreakingChanges, findDangerousChanges, getIntrospectionQuery,
} = require('graphql');
const { startServer, repositoryRoot } = require('./support/server');

let server;

before(async () => {
  server = await startServer({ name: 'introspection' });
});

after(async () => {
  await server?.stop();
});

test('the full-option introspection query builds exactly the checked-in schema', async () => {
  const query = getIntrospectionQuery({
    descriptions: true,
    directiveIsRepeatable: true,
    specifiedByUrl: true,
    inputValueDeprecation: true,
  });
  const response = await fetch(`${server.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-api-key': server.adminKey },
    body: JSON.stringify({ query }),
  });
  assert.equal(response.status, 200);
  const body = await response.json();
  assert.equal(body.errors, undefined, JSON.stringify(body.errors));

  const served = buildClientSchema(body.data);
  const checkedIn = buildSchema(fs.readFileSync(path.join(repositoryRoot, 'schema', 'schema.graphql'), 'utf8'));
  // graphql-js 16.15 adds two directive features of later spec drafts to every SDL-built schema that does not define
  // them (@oneOf, and @deprecated on directive definitions). The registry serves the October 2021 set, which the
  // checked-in SDL also implies; only these two, and nothing else, are set aside.
  const laterDrafts = new Set([
    'DIRECTIVE_REMOVED: oneOf was removed.',
    'DIRECTIVE_LOCATION_REMOVED: DIRECTIVE_DEFINITION was removed from deprecated.',
  ]);
  const describe = (changes) => changes.map((c) => `${c.type}: ${c.description}`).filter((c) => !laterDrafts.has(c));
  assert.deepEqual(describe(findBreakingChanges(checkedIn, served)), [], 'breaking: checked-in -> served');
  assert.deepEqual(describe(findBreakingChanges(served, checkedIn)), [], 'breaking: served -> checked-in');
  assert.deepEqual(describe(findDangerousChanges(checkedIn, served)), [], 'dangerous: checked-in -> served');
  assert.deepEqual(describe(findDangerousChanges(served, checkedIn)), [], 'dangerous: served -> checked-in');
  assert.equal(served.getType('DateTime').specifiedByURL, 'https://scalars.graphql.org/andimarek/date-time');
  assert.equal(served.getDirective('include').isRepeatable, false);
});
