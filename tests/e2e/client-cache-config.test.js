'use strict';

// The cache configuration shipped for client teams (schema/clients/) is generated from the checked-in schema and must
// match it: a stale possibleTypes makes Apollo Client miss fragment matches on new union members, and a stale key list
// makes graphcache warn about, or wrongly merge, objects without an id.

const { test } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { buildSchema, isObjectType } = require('graphql');
const { repositoryRoot } = require('./support/server');
const { generate } = require('../../scripts/client-cache-config');

const sdl = fs.readFileSync(path.join(repositoryRoot, 'schema', 'schema.graphql'), 'utf8');
const clients = path.join(repositoryRoot, 'schema', 'clients');

test('the shipped possibleTypes and graphcache keys are generated from the current schema', () => {
  const generated = generate(sdl);
  assert.equal(fs.readFileSync(path.join(clients, 'possible-types.json'), 'utf8'), generated.possibleTypes,
    'schema/clients/possible-types.json is stale: run node scripts/client-cache-config.js');
  assert.equal(fs.readFileSync(path.join(clients, 'graphcache-keys.js'), 'utf8'), generated.keys,
    'schema/clients/graphcache-keys.js is stale: run node scripts/client-cache-config.js');
});

test('every cacheable object type either has an id or a key entry, and natural keys read their fields', () => {
  const schema = buildSchema(sdl);
  const keys = require(path.join(clients, 'graphcache-keys.js'));
  const possibleTypes = require(path.join(clients, 'possible-types.json'));
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__') || /^(Query|Mutation|Subscription|PageInfo)$|Connection$|Edge$|Payload$/.test(type.name)) {
      continue;
    }
    assert.ok(type.getFields().id || typeof keys[type.name] === 'function', `${type.name} has neither an id nor a key`);
  }
  assert.equal(keys.RegistryEvent({ sequence: 42 }), '42');
  assert.equal(keys.Metric({ name: 'auc', value: 0.9 }), null);
  assert.ok(possibleTypes.Node.includes('ModelVersion'));
  assert.ok(possibleTypes.Error.includes('SelfApprovalError'));
});
