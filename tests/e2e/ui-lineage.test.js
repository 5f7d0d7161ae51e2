'use strict';

// The lineage picture in headless Chromium, against the real API with the demo seed: the picture of the production
// toxicity version holds exactly what the GraphQL lineage query answers, clicks open pages and double-clicks re-centre,
// a date before a deployment existed hides it, a viewer of one team is told how many nodes it may not see, and the page
// runs under its Content-Security-Policy without console errors or serious accessibility faults.
// Nodes and edges are counted from the page's graph model (window.__lineage), never from pixels.

const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const fsp = require('node:fs/promises');
const { chromium } = require('playwright-core');
const { chromiumPath, chromiumArgs, requireChromium } = require('./support/chromium');
const { startServer } = require('./support/server');
const pages = require('./support/pages');
const { assertClean, saveScreenshot, accessibilityFaults } = pages;
const { createRegistryClient, postGraphQL } = require('./support/registry');
const { startPrometheus, histogramFixture } = require('./support/prometheus');

let server;
let browser;
let registry;

before(async () => {
  requireChromium();
  server = await startServer({ name: 'ui-lineage', env: { Registry__Seed: 'demo' } });
  registry = createRegistryClient(server.url, { apiKey: server.adminKey });
  browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

const openPage = (options) => pages.openPage(browser, options);

const END = '... on ModelVersion { id } ... on DatasetVersion { id } ... on Deployment { id } ... on ConsumerApplication { id }';
const LINEAGE = `
  query ExpectedLineage($root: ID!, $asOf: DateTime) {
    lineage(nodeId: $root, asOf: $asOf) {
      hiddenNodes truncated
      nodes { __typename ${END} ... on ConsumerApplication { name } ... on ModelVersion { number model { name } } }
      edges { id relation source { ${END} } target { ${END} } }
    }
  }`;

/** The lineage as the API answers it (the page's defaults: both ways, three hops, every relation). */
async function expectedLineage(root, { apiKey = server.adminKey, asOf = null } = {}) {
  const data = await postGraphQL(server.url, LINEAGE, { root, asOf }, apiKey);
  return data.lineage;
}

async function versionId(model, number) {
  const data = await registry.query('query($name: String!, $n: Int!) { model(name: $name) { version(number: $n) { id } } }', { name: model, n: number });
  return data.model.version.id;
}

/** Waits for the picture to be drawn and returns the page's graph model. */
async function drawnGraph(page) {
  await page.locator('#lineage-canvas[data-ready="true"]').waitFor({ timeout: 20_000 });
  return page.evaluate(() => ({
    root: window.__lineage.root,
    nodes: window.__lineage.nodes,
    edges: window.__lineage.edges,
    hiddenNodes: window.__lineage.hiddenNodes,
  }));
}

const edgeKey = (e) => `${e.source} -${e.relation}-> ${e.target}`;

test('the picture of the production toxicity version draws the nodes and edges the lineage query answers', async () => {
  const root = await versionId('toxicity-classifier', 2);
  const expected = await expectedLineage(root);
  const { page, context, problems } = await openPage();
  try {
    // Reached from the model page's version card, as a reader would.
    await page.goto(`${server.url}/ui/models/toxicity-classifier`);
    await page.getByRole('link', { name: 'Lineage of version 2' }).click();
    await page.waitForURL((url) => url.pathname === '/ui/lineage' && url.searchParams.get('root') === root);
    const graph = await drawnGraph(page);

    assert.equal(graph.root, root);
    assert.deepEqual(graph.nodes.map((n) => n.id).sort(), expected.nodes.map((n) => n.id).sort(), 'the picture does not hold the answered nodes');
    assert.deepEqual(graph.edges.map(edgeKey).sort(),
      expected.edges.map((e) => edgeKey({ source: e.source.id, target: e.target.id, relation: e.relation })).sort(),
      'the picture does not hold the answered edges');
    // What the seed recorded around the version, by name: its data, its fine-tuned child, its deployment and consumers.
    const titles = graph.nodes.map((n) => `${n.kind}: ${n.title}`);
    for (const title of [
      'ModelVersion: toxicity-classifier v2', 'DatasetVersion: tox21-assays 2026.06', 'DatasetVersion: chembl-bioactivity v34',
      'ModelVersion: drug-repurposing-ranker v1', 'Deployment: toxicity-classifier v2 in production',
      'ConsumerApplication: compound-screening-portal', 'ConsumerApplication: lab-notebook-plugin',
    ]) assert.ok(titles.includes(title), `the picture lacks ${title}: ${titles.join(', ')}`);
    assert.ok(graph.edges.some((e) => e.relation === 'FINE_TUNED_FROM'), 'the fine-tuning edge is missing');
    assert.equal(graph.hiddenNodes, 0);

    assert.match(await page.getByRole('heading', { level: 1 }).innerText(), /Lineage of toxicity-classifier v2/);
    assert.match(await page.locator('.lineage-legend').innerText(), /Model version[\s\S]*Dataset version[\s\S]*Deployment[\s\S]*Consumer application/);
    assert.equal(await page.locator('#lineage-hidden').count(), 0, 'an administrator is told of hidden nodes');
    // The table beside the picture lists the same nodes, for keyboards and screen readers.
    assert.equal(await page.locator('.lineage-table tbody tr').count(), expected.nodes.length);
    assert.match(await page.locator('.lineage-table').innerText(), /tox21-assays 2026\.06 \(trained on\)/);

    const svgDownload = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export SVG' }).click();
    const svg = await fsp.readFile(await (await svgDownload).path(), 'utf8');
    assert.match(svg, /^<\?xml[\s\S]*<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    assert.equal((svg.match(/marker-end=/g) ?? []).length, expected.edges.length, 'the SVG does not draw every edge');
    assert.match(svg, /compound-screening-portal/);
    const pngDownload = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export PNG' }).click();
    const png = await fsp.readFile(await (await pngDownload).path());
    assert.equal(png.subarray(1, 4).toString('latin1'), 'PNG', 'the PNG export is not a PNG');
    assert.ok(png.length > 5_000, 'the PNG export is (nearly) empty');

    await saveScreenshot(page, 'ui-lineage.png');
    assert.deepEqual(await accessibilityFaults(page), [], 'the lineage page has serious accessibility faults');
    await assertClean(page, problems);
  } catch (error) {
    await saveScreenshot(page, 'ui-failure-lineage.png').catch(() => {});
    throw error;
  } finally {
    await context.close();
  }
});

test('clicking a node opens its page or re-centres, and double-clicking re-centres the picture', async () => {
  const root = await versionId('toxicity-classifier', 2);
  const { page, context, problems } = await openPage();
  try {
    await page.goto(`${server.url}/ui/lineage?root=${encodeURIComponent(root)}`);
    let graph = await drawnGraph(page);
    const at = (id) => page.evaluate((node) => window.__lineage.position(node), id);

    // A consumer application opens its own page; Back returns to the picture.
    const consumer = graph.nodes.find((n) => n.title === 'compound-screening-portal');
    let spot = await at(consumer.id);
    await page.mouse.click(spot.x, spot.y);
    await page.waitForURL(`${server.url}/ui/consumers/${encodeURIComponent(consumer.id)}`);
    await page.getByRole('heading', { level: 1, name: 'compound-screening-portal' }).waitFor();
    assert.match(await page.locator('#consumer-deployments').innerText(), /Toxicity classifier v2/);
    await page.goBack();
    graph = await drawnGraph(page);

    // A double-click centres the picture on it, and the address says so.
    spot = await at(consumer.id);
    await page.mouse.dblclick(spot.x, spot.y);
    await page.waitForURL((url) => url.searchParams.get('root') === consumer.id);
    graph = await drawnGraph(page);
    assert.equal(graph.root, consumer.id);
    assert.match(await page.getByRole('heading', { level: 1 }).innerText(), /Lineage of compound-screening-portal/);
    assert.ok(graph.nodes.some((n) => n.kind === 'Deployment'), 'the consumer\'s deployment is not drawn');

    // Back returns to the version's picture; a double-click on a dataset version centres the picture on it.
    await page.goBack();
    await page.waitForURL((url) => url.searchParams.get('root') === root);
    graph = await drawnGraph(page);
    const dataset = graph.nodes.find((n) => n.title === 'tox21-assays 2026.06');
    const datasetSpot = await at(dataset.id);
    await page.mouse.dblclick(datasetSpot.x, datasetSpot.y);
    await page.waitForURL((url) => url.searchParams.get('root') === dataset.id);
    assert.equal((await drawnGraph(page)).root, dataset.id);

    // A model version opens its model's page at that version.
    await page.goBack();
    graph = await drawnGraph(page);
    const ranker = graph.nodes.find((n) => n.title === 'drug-repurposing-ranker v1');
    const rankerSpot = await at(ranker.id);
    await page.mouse.click(rankerSpot.x, rankerSpot.y);
    await page.waitForURL(`${server.url}/ui/models/drug-repurposing-ranker#version-1`);
    await page.locator('#version-1').waitFor();
    await assertClean(page, problems);
  } catch (error) {
    await saveScreenshot(page, 'ui-failure-lineage-click.png').catch(() => {});
    throw error;
  } finally {
    await context.close();
  }
});

test('a date before a deployment existed hides it; a date before the version existed says so', async () => {
  const model = await registry.registerModel(`ui-lineage-asof-${Date.now()}`);
  const version = await registry.createModelVersion(model.id);
  await new Promise((resolve) => setTimeout(resolve, 1_100));
  const beforeDeployment = new Date().toISOString();
  await new Promise((resolve) => setTimeout(resolve, 1_100));
  const deployment = await registry.recordDeployment(version.id, 'e2e-lineage');
  assert.ok(deployment?.id, 'the deployment was not recorded');
  assert.ok((await expectedLineage(version.id)).nodes.some((n) => n.id === deployment.id));
  assert.ok(!(await expectedLineage(version.id, { asOf: beforeDeployment })).nodes.some((n) => n.id === deployment.id),
    'the API itself shows the deployment before it existed');

  const { page, context, problems } = await openPage();
  try {
    await page.goto(`${server.url}/ui/lineage?root=${encodeURIComponent(version.id)}`);
    let graph = await drawnGraph(page);
    assert.ok(graph.nodes.some((n) => n.id === deployment.id && n.kind === 'Deployment'), 'the live picture lacks the deployment');
    assert.ok(graph.edges.some((e) => e.relation === 'DEPLOYED_AS' && e.target === deployment.id));

    await page.goto(`${server.url}/ui/lineage?root=${encodeURIComponent(version.id)}&asOf=${encodeURIComponent(beforeDeployment)}`);
    graph = await drawnGraph(page);
    assert.deepEqual(graph.nodes.map((n) => n.id), [version.id], 'the deployment shows before it existed');
    assert.deepEqual(graph.edges, []);
    assert.match(await page.locator('.lineage-notes').innerText(), /As it stood at/);

    // The date picker: the day before yesterday, when the version did not exist yet.
    const longAgo = new Date(Date.now() - 2 * 86_400_000).toISOString().slice(0, 10);
    await page.getByLabel('As it stood on').fill(longAgo);
    await page.getByRole('button', { name: 'Show' }).click();
    await page.waitForURL((url) => url.searchParams.get('asOf') === `${longAgo}T23:59:59.999Z`);
    await page.getByText(/This did not exist yet at/).waitFor();
    await assertClean(page, problems);
  } catch (error) {
    await saveScreenshot(page, 'ui-failure-lineage-asof.png').catch(() => {});
    throw error;
  } finally {
    await context.close();
  }
});

test('a viewer of one team is told how many nodes it may not see, and sees none of them', async () => {
  const principal = `chem-viewer-${Date.now()}`;
  const created = await registry.query(
    'mutation($input: CreateApiKeyInput!) { createApiKey(input: $input) { secret errors { code message } } }',
    { input: { name: `${principal}-key`, principal } });
  assert.equal(created.createApiKey.errors, null, JSON.stringify(created.createApiKey.errors));
  const granted = await registry.query(
    'mutation($input: GrantRoleInput!) { grantRole(input: $input) { errors { code message } } }',
    { input: { principal, role: 'VIEWER', scope: 'team:chem-safety' } });
  assert.equal(granted.grantRole.errors, null, JSON.stringify(granted.grantRole.errors));
  const key = created.createApiKey.secret;

  const root = await versionId('toxicity-classifier', 2);
  const expected = await expectedLineage(root, { apiKey: key });
  assert.ok(expected.hiddenNodes > 0, 'the seed no longer hides another team\'s nodes from a chem-safety viewer');

  const { page, context, problems } = await openPage({ apiKey: key });
  try {
    // The deployments table links to each deployment's picture.
    await page.goto(`${server.url}/ui/models/toxicity-classifier`);
    await page.getByRole('link', { name: 'Lineage of the production deployment of version 2' }).click();
    const deployment = await drawnGraph(page);
    assert.equal(deployment.nodes.find((n) => n.id === deployment.root)?.kind, 'Deployment');
    assert.match(await page.getByRole('heading', { level: 1 }).innerText(), /Lineage of toxicity-classifier v2 in production/);

    await page.goto(`${server.url}/ui/lineage?root=${encodeURIComponent(root)}`);
    const graph = await drawnGraph(page);
    assert.equal(graph.hiddenNodes, expected.hiddenNodes);
    assert.deepEqual(graph.nodes.map((n) => n.id).sort(), expected.nodes.map((n) => n.id).sort());
    const noun = expected.hiddenNodes === 1 ? 'node' : 'nodes';
    assert.match(await page.locator('#lineage-hidden').innerText(), new RegExp(`^${expected.hiddenNodes} ${noun} you may not see`));
    assert.ok(!graph.nodes.some((n) => /drug-repurposing-ranker/.test(n.title)), 'the other team\'s model is drawn');
    assert.doesNotMatch(await page.locator('main').innerText(), /drug-repurposing-ranker/);
    await saveScreenshot(page, 'ui-lineage-team-viewer.png');

    // A narrow screen: the picture, its controls and its table stay within the viewport.
    await page.setViewportSize({ width: 390, height: 800 });
    await page.reload();
    await drawnGraph(page);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `the lineage page is ${overflow}px wider than a narrow screen`);
    await saveScreenshot(page, 'ui-lineage-narrow.png');
    await assertClean(page, problems);
  } catch (error) {
    await saveScreenshot(page, 'ui-failure-lineage-viewer.png').catch(() => {});
    throw error;
  } finally {
    await context.close();
  }
});

test('a drifting deployment and the version behind it are marked on the picture and on the model page', async () => {
  // Two hours of a feature histogram in a real Prometheus: the second hour is shifted far from the baseline.
  const start = new Date(Math.floor(Date.now() / 3_600_000) * 3_600_000 - 8 * 3_600_000);
  const selector = 'deployment="ui-drift"';
  const prometheus = await startPrometheus({
    name: 'ui-drift',
    openMetrics: histogramFixture({
      metric: 'model_feature_value', selector, feature: 'age', edges: [10, 20, 30], start, firstHour: [5, 5, 5, 5], secondHour: [1, 2, 7, 10],
    }),
  });
  try {
    const model = await registry.registerModel(`ui-lineage-drift-${Date.now()}`);
    const version = await registry.createModelVersion(model.id);
    const check = (payload, field) => assert.equal(payload[field].errors, null, JSON.stringify(payload[field].errors));
    check(await registry.query('mutation($input: SetBaselineProfileInput!) { setBaselineProfile(input: $input) { errors { code message } } }',
      { input: { modelVersionId: version.id, features: [{ feature: 'age', bucketEdges: [10, 20, 30], counts: [25, 25, 25, 25] }] } }), 'setBaselineProfile');
    const deployment = await registry.recordDeployment(version.id, 'ui-drift');
    check(await registry.query('mutation($input: ConfigureMonitoringInput!) { configureMonitoring(input: $input) { errors { code message } } }',
      { input: { deploymentId: deployment.id, prometheusUrl: prometheus.url, selector, featureHistogramMetric: 'model_feature_value', window: '1h' } }),
    'configureMonitoring');
    check(await registry.query('mutation($input: RunMonitoringNowInput!) { runMonitoringNow(input: $input) { errors { code message } } }',
      { input: { deploymentId: deployment.id, windowEnd: new Date(start.getTime() + 2 * 3_600_000).toISOString() } }), 'runMonitoringNow');
    const deadline = Date.now() + 60_000;
    for (;;) {
      const data = await registry.query('query($id: ID!) { node(id: $id) { ... on Deployment { driftStatus } } }', { id: deployment.id });
      if (data.node.driftStatus === 'DRIFTING') break;
      if (Date.now() > deadline) assert.fail(`the deployment never drifted (still ${data.node.driftStatus})`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }

    const { page, context, problems } = await openPage();
    try {
      await page.goto(`${server.url}/ui/lineage?root=${encodeURIComponent(version.id)}`);
      const graph = await drawnGraph(page);
      assert.equal(graph.nodes.find((n) => n.id === deployment.id)?.drift, 'DRIFTING', 'the drifting deployment is not marked');
      assert.equal(graph.nodes.find((n) => n.id === version.id)?.drift, 'DRIFTING', 'the version behind it is not marked');
      assert.match(await page.locator('.lineage-legend').innerText(), /Drifting/);
      const row = page.locator('table tr', { hasText: `${model.name} v1 in ui-drift` });
      assert.match(await row.innerText(), /Drifting/, 'the node table does not say the deployment drifts');
      await saveScreenshot(page, 'ui-lineage-drift.png');

      await page.goto(`${server.url}/ui/models/${model.name}`);
      await page.locator('#deployments .badge-drift-drifting').waitFor();
      assert.match(await page.locator('#deployments').innerText(), /Open drift alerts \(1\)[\s\S]*age psi/i);
      await assertClean(page, problems);
    } catch (error) {
      await saveScreenshot(page, 'ui-failure-lineage-drift.png').catch(() => {});
      throw error;
    } finally {
      await context.close();
    }
  } finally {
    await prometheus.stop();
  }
});
