'use strict';

// relay-compiler 21 over the Relay variant of the realistic operations (schema/operations/relay/, Relay's naming rules,
// @connection pagination, a @refetchable Node fragment) with its persist config, then relay-runtime running the
// compiled operations against the seeded registry in only-persisted mode, sending each persisted id as `documentId`
// (the fetch function docs/clients.md gives).

const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { execFile } = require('node:child_process');
const fsp = require('node:fs/promises');
const os = require('node:os');
const path = require('node:path');
const { promisify } = require('node:util');
const { Kind, parse } = require('graphql');
const { Environment, Network, RecordSource, Store, fetchQuery, commitMutation } = require('relay-runtime');
const { startServer, repositoryRoot } = require('./support/server');
const { operationsDirectory } = require('./support/operations');

const execFileAsync = promisify(execFile);
const relayCompiler = path.join(__dirname, 'node_modules', '.bin', 'relay-compiler');
const relaySources = path.join(operationsDirectory, 'relay');

let workDirectory;
let compiled;
let server;

/** Writes a relay config for `src` into the work directory and runs the compiler; resolves to its exit code and output. */
async function compile(name, src) {
  const artifactDirectory = path.join(workDirectory, name, '__generated__');
  const persisted = path.join(workDirectory, name, 'persisted-documents.json');
  await fsp.mkdir(artifactDirectory, { recursive: true });
  // The local persist config adds to the file it finds, so it must exist.
  await fsp.writeFile(persisted, '{}');
  const config = path.join(workDirectory, name, 'relay.config.json');
  await fsp.writeFile(config, JSON.stringify({
    src,
    schema: path.join(repositoryRoot, 'schema', 'schema.graphql'),
    language: 'typescript',
    artifactDirectory,
    customScalarTypes: { DateTime: 'string', Long: 'number', JSON: 'unknown' },
    persistConfig: { file: persisted, algorithm: 'SHA256' },
  }));
  try {
    const { stdout, stderr } = await execFileAsync(relayCompiler, [config], { cwd: path.dirname(config), env: { ...process.env, NO_COLOR: '1' } });
    return { code: 0, output: stdout + stderr, artifactDirectory, persisted };
  } catch (error) {
    return { code: error.code, output: `${error.stdout}${error.stderr}`, artifactDirectory, persisted };
  }
}

before(async () => {
  workDirectory = await fsp.mkdtemp(path.join(os.tmpdir(), 'registry-e2e-relay-'));
  compiled = await compile('operations', relaySources);
  assert.equal(compiled.code, 0, compiled.output);
  server = await startServer({
    name: 'relay',
    env: {
      Registry__Seed: 'demo',
      Registry__GraphQL__PersistedOperations__ManifestPath: compiled.persisted,
      Registry__GraphQL__PersistedOperations__Only: 'true',
    },
  });
});

after(async () => {
  await server?.stop();
  if (workDirectory) {
    await fsp.rm(workDirectory, { recursive: true, force: true });
  }
});

/**
 * The runtime half of a TypeScript artifact: the ConcreteRequest that relay-runtime executes. The compiler writes it as
 * one plain JavaScript expression between the type declarations, so it can be evaluated without a TypeScript compiler.
 */
async function loadArtifact(name) {
  const source = await fsp.readFile(path.join(compiled.artifactDirectory, `${name}.graphql.ts`), 'utf8');
  const match = /^const node: \w+ = (\(function\(\)\{[\s\S]*?^\}\)\(\));$/m.exec(source);
  assert.ok(match, `${name}.graphql.ts has no artifact expression`);
  return new Function(`return ${match[1]};`)();
}

/** A Relay environment whose network sends the persisted id, as docs/clients.md shows; `exchanges` records answers. */
function relayEnvironment() {
  const exchanges = [];
  const fetchFn = async (params, variables) => {
    const response = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'X-Api-Key': server.adminKey },
      body: JSON.stringify(params.id ? { documentId: params.id, variables } : { query: params.text, variables }),
    });
    const answer = await response.json();
    exchanges.push({ name: params.name, id: params.id, status: response.status, answer });
    return answer;
  };
  const environment = new Environment({ network: Network.create(fetchFn), store: new Store(new RecordSource()) });
  return { environment, exchanges };
}

function assertAnsweredWithoutErrors(exchanges) {
  for (const { name, status, answer } of exchanges) {
    assert.equal(status, 200, `${name}: ${JSON.stringify(answer)}`);
    assert.equal(answer.errors, undefined, `${name}: ${JSON.stringify(answer.errors)}`);
  }
}

test('relay-compiler compiles the Relay operations with no warning or error and persists every operation', async () => {
  const lines = compiled.output.split('\n').filter((line) => line.trim() !== '');
  assert.deepEqual(lines.filter((line) => !line.includes('[INFO]')), [], compiled.output);
  assert.match(compiled.output, /Compilation completed/);

  const artifacts = (await fsp.readdir(compiled.artifactDirectory)).sort();
  for (const expected of ['DatasetUsageRefetchQuery.graphql.ts', 'ModelCataloguePaginationQuery.graphql.ts',
    'ModelPageVersionsPaginationQuery.graphql.ts', 'PromoteButtonMutation.graphql.ts', 'StageFeedSubscription.graphql.ts']) {
    assert.ok(artifacts.includes(expected), `${expected} among ${artifacts.join(', ')}`);
  }
  const manifest = JSON.parse(await fsp.readFile(compiled.persisted, 'utf8'));
  const names = Object.values(manifest).map((text) => /^(?:query|mutation|subscription) (\w+)/.exec(text)[1]).sort();
  assert.deepEqual(names, ['DatasetUsageQuery', 'DatasetUsageRefetchQuery', 'LineageExplorerQuery', 'ModelCataloguePaginationQuery',
    'ModelCatalogueQuery', 'ModelPageQuery', 'ModelPageVersionsPaginationQuery', 'PromoteButtonMutation', 'StageFeedSubscription']);
});

test('relay-compiler refuses a selection the schema does not have, so the check above can fail', async () => {
  const sources = path.join(workDirectory, 'broken-sources');
  await fsp.mkdir(sources);
  await fsp.writeFile(path.join(sources, 'Broken.ts'),
    "import { graphql } from 'relay-runtime';\nexport const q = graphql`query BrokenQuery { models(first: 1) { colour } }`;\n");

  const broken = await compile('broken', sources);

  assert.notEqual(broken.code, 0);
  assert.match(broken.output, /\[ERROR\]/);
  assert.match(broken.output, /colour/);
});

test('every Relay operation and fragment follows Relay naming: <Module>Query|Mutation|Subscription and <Module>_<prop>', async () => {
  // relay-compiler 21 no longer checks this itself, but Relay's Babel plugin and hooks tooling expect it.
  const files = (await fsp.readdir(relaySources)).filter((name) => name.endsWith('.ts'));
  assert.ok(files.length >= 5);
  for (const file of files) {
    const module = path.basename(file, '.ts');
    const source = await fsp.readFile(path.join(relaySources, file), 'utf8');
    const definitions = [...source.matchAll(/graphql`([^`]*)`/g)].flatMap(([, text]) => parse(text).definitions)
      .map((d) => [d.kind === Kind.FRAGMENT_DEFINITION ? 'fragment' : d.operation, d.name.value]);
    assert.ok(definitions.length > 0, `${file} defines nothing`);
    for (const [kind, name] of definitions) {
      const expected = kind === 'fragment'
        ? new RegExp(`^${module}_[a-z]\\w*$`)
        : new RegExp(`^${module}\\w*${kind[0].toUpperCase()}${kind.slice(1)}$`);
      assert.match(name, expected, `${file}: ${kind} ${name}`);
    }
  }
});

test('relay-runtime runs the compiled catalogue by persisted id and pages its connection with the generated query', async () => {
  const { environment, exchanges } = relayEnvironment();
  const catalogue = await loadArtifact('ModelCatalogueQuery');
  const pagination = await loadArtifact('ModelCataloguePaginationQuery');

  await fetchQuery(environment, catalogue, { first: 2 }).toPromise();
  const first = exchanges[0].answer.data.models;
  assert.equal(first.edges.length, 2);
  assert.equal(first.pageInfo.hasNextPage, true);
  await fetchQuery(environment, pagination, { first: 2, after: first.pageInfo.endCursor }).toPromise();

  assertAnsweredWithoutErrors(exchanges);
  assert.deepEqual(exchanges.map((e) => e.name), ['ModelCatalogueQuery', 'ModelCataloguePaginationQuery']);
  assert.ok(exchanges.every((e) => /^[0-9a-f]{64}$/.test(e.id)));
  const second = exchanges[1].answer.data.models;
  assert.equal(second.pageInfo.hasNextPage, false);
  const names = [...first.edges, ...second.edges].map((edge) => edge.node.name);
  assert.equal(new Set(names).size, 4);
  const toxicity = [...first.edges, ...second.edges].find((edge) => edge.node.name === 'toxicity-classifier').node;
  assert.equal(toxicity.versions.nodes[0].stage, 'PRODUCTION');
});

test('the dataset usage chain loads and refetches through node(id:) with DatasetUsageRefetchQuery', async () => {
  const { environment, exchanges } = relayEnvironment();

  await fetchQuery(environment, await loadArtifact('DatasetUsageQuery'), { name: 'tox21-assays' }).toPromise();
  const dataset = exchanges[0].answer.data.datasets.nodes[0];
  await fetchQuery(environment, await loadArtifact('DatasetUsageRefetchQuery'), { id: dataset.id, first: 1 }).toPromise();

  assertAnsweredWithoutErrors(exchanges);
  const usage = dataset.versions.edges.flatMap((edge) => edge.node.usedBy.map((v) => `${edge.node.version} → ${v.model.name} v${v.number}`));
  assert.deepEqual(usage.sort(), ['2026.03 → toxicity-classifier v1', '2026.06 → toxicity-classifier v2']);
  const served = dataset.versions.edges.find((edge) => edge.node.version === '2026.06').node.usedBy[0].deployments[0];
  assert.deepEqual(served.consumers.map((c) => c.name).sort(), ['compound-screening-portal', 'lab-notebook-plugin']);
  const refetched = exchanges[1].answer.data.node;
  assert.equal(refetched.id, dataset.id);
  assert.equal(refetched.versions.edges.length, 1);
  assert.equal(environment.getStore().getSource().get(dataset.id).name, 'tox21-assays');
});

test('the model page, the lineage explorer and the promote mutation run by persisted id', async () => {
  const { environment, exchanges } = relayEnvironment();

  const page = await fetchQuery(environment, await loadArtifact('ModelPageQuery'), { name: 'toxicity-classifier' }).toPromise();
  assert.equal(page.model.aliases[0].name, 'champion');
  const versions = exchanges[0].answer.data.model.versions.edges.map((edge) => edge.node);
  assert.deepEqual(versions.map((v) => v.number), [2, 1]);
  const production = versions.find((v) => v.stage === 'PRODUCTION');

  await fetchQuery(environment, await loadArtifact('LineageExplorerQuery'), { nodeId: production.id }).toPromise();
  const kinds = new Set(exchanges[1].answer.data.lineage.nodes.map((node) => node.__typename));
  assert.deepEqual(kinds, new Set(['ModelVersion', 'DatasetVersion', 'Deployment', 'ConsumerApplication']));

  const archived = versions.find((v) => v.stage === 'ARCHIVED');
  const promoteButton = await loadArtifact('PromoteButtonMutation');
  const refused = await new Promise((resolve, reject) => {
    commitMutation(environment, {
      mutation: promoteButton,
      variables: { input: { modelVersionId: archived.id, targetStage: 'PRODUCTION', reason: 'from the archive' } },
      onCompleted: resolve,
      onError: reject,
    });
  });
  assert.deepEqual(refused.promoteModelVersion.errors.map((e) => [e.__typename, e.code]), [['InvalidTransitionError', 'INVALID_TRANSITION']]);

  assertAnsweredWithoutErrors(exchanges);
});
