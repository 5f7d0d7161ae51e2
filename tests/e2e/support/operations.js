'use strict';

// The realistic client operations kept in schema/operations/, one document per operation with exactly the fragments it
// spreads, as a client's build step would cut them (Apollo, for one, refuses a document that holds two operations).
//
//   const { operation, operationNames } = require('./support/operations');
//   client.query({ query: operation('Catalogue'), variables: { first: 2 } });

const fs = require('node:fs');
const path = require('node:path');
const { Kind, parse, visit } = require('graphql');
const { repositoryRoot } = require('./server');

const operationsDirectory = path.join(repositoryRoot, 'schema', 'operations');

/** The plain `.graphql` operation files (the Relay variant in relay/ is compiled by relay-compiler instead). */
function operationFiles() {
  return fs.readdirSync(operationsDirectory)
    .filter((name) => name.endsWith('.graphql'))
    .sort()
    .map((name) => path.join(operationsDirectory, name));
}

function loadDefinitions() {
  const operations = new Map();
  const fragments = new Map();
  for (const file of operationFiles()) {
    for (const definition of parse(fs.readFileSync(file, 'utf8')).definitions) {
      const name = definition.name?.value;
      const table = definition.kind === Kind.FRAGMENT_DEFINITION ? fragments : operations;
      if (!name || table.has(name)) {
        throw new Error(`${path.basename(file)}: every operation and fragment needs a name of its own (${name ?? 'anonymous'})`);
      }
      table.set(name, { definition, file: path.basename(file) });
    }
  }
  return { operations, fragments };
}

const { operations, fragments } = loadDefinitions();

function spreadNames(node) {
  const names = new Set();
  visit(node, { FragmentSpread: (spread) => { names.add(spread.name.value); } });
  return names;
}

/** A document holding the named operation and every fragment it reaches, in the order the files define them. */
function operation(name) {
  const entry = operations.get(name);
  if (!entry) {
    throw new Error(`no operation ${name} in schema/operations/`);
  }
  const needed = new Set();
  const pending = [...spreadNames(entry.definition)];
  while (pending.length > 0) {
    const fragmentName = pending.pop();
    if (!needed.has(fragmentName)) {
      needed.add(fragmentName);
      pending.push(...spreadNames(fragments.get(fragmentName).definition));
    }
  }
  const used = [...fragments.entries()].filter(([fragmentName]) => needed.has(fragmentName)).map(([, f]) => f.definition);
  return { kind: Kind.DOCUMENT, definitions: [entry.definition, ...used] };
}

/** Every operation by name, with its kind (query, mutation, subscription) and its file. */
function operationNames() {
  return [...operations.entries()].map(([name, { definition, file }]) => ({ name, kind: definition.operation, file }));
}

module.exports = { operation, operationNames, operationFiles, operationsDirectory };
