'use strict';

// The weighted mix of case families. Case `index` of run `seed` is generated from its own PRNG, so it is the same
// case whatever ran before it, and REGISTRY_FUZZ_ONLY=<index> replays it alone.

const { Random, caseSeed } = require('./random');
const { documentCase, variablesCase, bodyCase, headerCase } = require('./http-cases');
const { uploadCase } = require('./upload-cases');
const { websocketCase } = require('./websocket-cases');

const families = [
  [30, 'document', documentCase],
  [12, 'variables', variablesCase],
  [14, 'body', bodyCase],
  [14, 'headers', headerCase],
  [15, 'websocket', websocketCase],
  [15, 'upload', uploadCase],
];

/**
 * Case `index` of the run: `{ index, family, transport: 'http' | 'websocket', request | script }`.
 * `context` holds the IDs of the data the suite seeded before the run, which are the same on every run.
 */
function generateCase(seed, index, context) {
  const random = new Random(caseSeed(seed, index));
  const family = random.weighted(families.map(([weight, name, build]) => [weight, { name, build }]));
  const built = family.build(random, context);
  return family.name === 'websocket'
    ? { index, family: family.name, transport: 'websocket', script: built }
    : { index, family: family.name, transport: 'http', request: built };
}

module.exports = { generateCase, families: families.map(([, name]) => name) };
