'use strict';

// graphql-codegen's client preset over the checked-in schema and the realistic operations in schema/operations/, as a
// frontend team runs it: the generated types must type-check a client that uses them (tests/e2e/clients/typed-client.ts,
// including narrowing a mutation error on __typename), a wrong field access must not, and the persisted-documents
// manifest it writes must load into the registry's only-persisted mode, where a generated document runs by its hash.

const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { execFile } = require('node:child_process');
const fsp = require('node:fs/promises');
const path = require('node:path');
const { promisify } = require('node:util');
const { generate } = require('@graphql-codegen/cli');
const { startServer, repositoryRoot, outputDirectory } = require('./support/server');
const { operationsDirectory } = require('./support/operations');

const execFileAsync = promisify(execFile);
const tsc = path.join(__dirname, 'node_modules', '.bin', 'tsc');

// The scalar map docs/clients.md gives.
const scalars = { DateTime: 'string', Long: 'number | string', JSON: 'unknown' };

let workDirectory;
let generatedFiles;
let server;

before(async () => {
  // Under tests/e2e so that the client's imports of @apollo/client resolve to this suite's node_modules.
  await fsp.mkdir(outputDirectory, { recursive: true });
  workDirectory = await fsp.mkdtemp(path.join(outputDirectory, 'codegen-'));
  const generated = await generate({
    schema: path.join(repositoryRoot, 'schema', 'schema.graphql'),
    documents: [path.join(operationsDirectory, '*.graphql')],
    silent: true,
    generates: {
      [path.join(workDirectory, 'gql') + path.sep]: {
        preset: 'client',
        presetConfig: { persistedDocuments: true },
        config: { scalars },
      },
    },
  }, true);
  generatedFiles = generated.map((file) => path.relative(workDirectory, file.filename)).sort();
  await fsp.copyFile(path.join(__dirname, 'clients', 'typed-client.ts'), path.join(workDirectory, 'typed-client.ts'));

  server = await startServer({
    name: 'codegen-persisted',
    env: {
      Registry__Seed: 'demo',
      Registry__GraphQL__PersistedOperations__ManifestPath: path.join(workDirectory, 'gql', 'persisted-documents.json'),
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

/** Runs tsc --noEmit over the given files in the work directory; resolves to its exit code and output. */
async function typeCheck(files) {
  const config = {
    compilerOptions: {
      strict: true,
      noEmit: true,
      target: 'es2022',
      module: 'preserve',
      moduleResolution: 'bundler',
      lib: ['es2022', 'dom'],
      types: [],
      skipLibCheck: true,
    },
    files,
  };
  const project = path.join(workDirectory, `tsconfig.${files.length}.json`);
  await fsp.writeFile(project, JSON.stringify(config));
  try {
    const { stdout, stderr } = await execFileAsync(tsc, ['-p', project, '--pretty', 'false'], { cwd: workDirectory });
    return { code: 0, output: stdout + stderr };
  } catch (error) {
    return { code: error.code, output: `${error.stdout}${error.stderr}` };
  }
}

test('the client preset generates typed documents and a persisted-documents manifest for every operation', () => {
  assert.deepEqual(generatedFiles, ['gql/fragment-masking.ts', 'gql/gql.ts', 'gql/graphql.ts', 'gql/index.ts', 'gql/persisted-documents.json']);
});

test('tsc --noEmit accepts the typed client built on the generated documents', async () => {
  const { code, output } = await typeCheck(['typed-client.ts']);

  assert.equal(code, 0, output);
  assert.equal(output.trim(), '');
});

test('tsc refuses a field the operations do not select, and a masked fragment read without useFragment', async () => {
  await fsp.writeFile(path.join(workDirectory, 'wrong-field.ts'), [
    "import { useFragment } from './gql';",
    "import { CatalogueModelFragmentDoc, type CatalogueQuery, type PromoteVersionMutation } from './gql/graphql';",
    'export function colourOf(data: CatalogueQuery) {',
    '  return useFragment(CatalogueModelFragmentDoc, data.models!.edges![0].node).colour;',
    '}',
    'export function nameOf(data: CatalogueQuery) {',
    '  return data.models!.edges![0].node.name;',
    '}',
    "export function approvals(error: NonNullable<PromoteVersionMutation['promoteModelVersion']['errors']>[number]) {",
    "  return error.__typename === 'InvalidTransitionError' ? error.requiredApprovals : 0;",
    '}',
    '',
  ].join('\n'));

  const { code, output } = await typeCheck(['typed-client.ts', 'wrong-field.ts']);

  assert.notEqual(code, 0);
  assert.match(output, /wrong-field\.ts\(4,.*Property 'colour' does not exist/);
  assert.match(output, /wrong-field\.ts\(7,.*Property 'name' does not exist/);
  assert.match(output, /wrong-field\.ts\(10,.*Property 'requiredApprovals' does not exist/);
  assert.doesNotMatch(output, /typed-client\.ts/);
});

async function post(body, apiKey = server.adminKey) {
  const response = await fetch(`${server.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-api-key': apiKey },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: await response.json() };
}

test('the generated manifest loads into only-persisted mode: generated documents run by hash, ad-hoc text is refused', async () => {
  const manifest = JSON.parse(await fsp.readFile(path.join(workDirectory, 'gql', 'persisted-documents.json'), 'utf8'));
  const idOf = (operationName) => {
    const ids = Object.keys(manifest).filter((id) => new RegExp(`\\b(query|mutation|subscription) ${operationName}\\b`).test(manifest[id]));
    assert.equal(ids.length, 1, `one manifest document for ${operationName}`);
    return ids[0];
  };
  assert.equal(Object.keys(manifest).length, 10);

  const catalogue = await post({ documentId: idOf('Catalogue'), variables: { first: 2 } });
  assert.equal(catalogue.status, 200);
  assert.equal(catalogue.body.errors, undefined, JSON.stringify(catalogue.body.errors));
  assert.equal(catalogue.body.data.models.totalCount, 4);
  assert.equal(catalogue.body.data.models.edges.length, 2);

  const page = await post({ extensions: { persistedQuery: { version: 1, sha256Hash: idOf('ModelPage') } }, variables: { name: 'toxicity-classifier' } });
  assert.equal(page.body.errors, undefined, JSON.stringify(page.body.errors));
  assert.equal(page.body.data.model.versions.totalCount, 2);

  const adHoc = await post({ query: '{ models(first: 1) { totalCount } }' });
  assert.equal(adHoc.status, 400);
  assert.equal(adHoc.body.errors[0].extensions.code, 'PERSISTED_QUERY_ONLY');
});
