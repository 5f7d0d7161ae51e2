'use strict';

// The registry's own pages in headless Chromium, against the real API: the catalogue finds the demo seed's toxicity
// model, its page shows what the seed recorded, a promotion made through the API appears live, Production asks for an
// API key, and the pages run under their Content-Security-Policy without console errors or serious accessibility faults.

const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { chromium } = require('playwright-core');
const { chromiumPath, chromiumArgs, requireChromium } = require('./support/chromium');
const { startServer } = require('./support/server');
const pages = require('./support/pages');
const { assertClean, saveScreenshot, accessibilityFaults } = pages;
const { createRegistryClient } = require('./support/registry');

let server;
let browser;

before(async () => {
  requireChromium();
  server = await startServer({ name: 'ui', env: { Registry__Seed: 'demo' } });
  browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

const openPage = (options) => pages.openPage(browser, options);

test('the shell carries a strict Content-Security-Policy and deep links answer it', async () => {
  for (const address of ['/', '/ui/search?q=toxicity', '/ui/models/toxicity-classifier']) {
    const response = await fetch(`${server.url}${address}`);
    assert.equal(response.status, 200, `${address} did not answer the page`);
    assert.match(response.headers.get('content-type'), /^text\/html/);
    const policy = response.headers.get('content-security-policy') ?? '';
    assert.match(policy, /default-src 'none'/, `${address} has no default-src 'none'`);
    assert.match(policy, /script-src 'self'(;|$)/, `${address} allows scripts from elsewhere`);
    assert.doesNotMatch(policy, /unsafe-inline|unsafe-eval|\*/, `${address} relaxes the policy`);
    assert.match(policy, /connect-src 'self' ws:\/\/127\.0\.0\.1:\d+ wss:\/\/127\.0\.0\.1:\d+/, 'sockets to this host are not allowed');
    assert.equal(response.headers.get('x-content-type-options'), 'nosniff');
    assert.match(await response.text(), /<script type="module" src="\/ui\/assets\/app\.js"><\/script>/);
  }
  assert.equal((await fetch(`${server.url}/ui/assets/missing.js`)).status, 404, 'a missing asset must not answer the shell');
});

test('search finds the toxicity model by a word of its description, and its page shows version 2, AUC 0.92 and its training data', async () => {
  const { page, context, problems } = await openPage();
  try {
    await page.goto(`${server.url}/`);
    await page.getByRole('heading', { name: 'Find a model to reuse' }).waitFor();
    await page.locator('.result-model').first().waitFor();
    assert.equal(await page.locator('.result-model').count(), 4, 'the catalogue does not list the four seeded models');
    await saveScreenshot(page, 'ui-catalogue.png');
    assert.deepEqual(await accessibilityFaults(page), [], 'the catalogue has serious accessibility faults');

    // "assay" is a word of the model's descriptive text ("… cutting assay spend."), not of its name.
    await page.getByLabel('Search models, datasets and deployments').fill('assay');
    await page.getByLabel('Search models, datasets and deployments').press('Enter');
    await page.getByText(/1 model matches “assay”/).waitFor();
    assert.equal(new URL(page.url()).pathname + new URL(page.url()).search, '/ui/search?q=assay', 'the address does not hold the search');
    const hit = page.locator('.result-list').getByRole('link', { name: 'Toxicity classifier' });
    assert.equal(await hit.count(), 1, 'the search does not list the toxicity classifier');
    assert.match(await page.locator('.result-model').first().innerText(), /owned by chem-safety[\s\S]*v2\s+Production[\s\S]*auc 0\.92/);
    await saveScreenshot(page, 'ui-search.png');

    await hit.click();
    await page.waitForURL(`${server.url}/ui/models/toxicity-classifier`);
    const version = page.locator('#version-2');
    await version.waitFor();
    assert.match(await version.locator('.version-head').innerText(), /Version 2\s+Production\s+champion/);
    const auc = version.locator('table.metrics tr', { has: page.locator('th', { hasText: /^AUC$/ }) });
    assert.equal((await auc.locator('td').first().innerText()).trim(), '0.92', 'version 2 does not show AUC 0.92');
    const trainedOn = await version.locator('.datasets').innerText();
    assert.match(trainedOn, /tox21-assays 2026\.06/, 'version 2 does not show the Tox21 dataset it was trained on');
    assert.match(trainedOn, /chembl-bioactivity v34/);
    assert.match(await version.innerText(), /9f8e7d6/, 'the code commit is missing');
    assert.match(await page.locator('#deployments').innerText(), /production[\s\S]*compound-screening-portal, lab-notebook-plugin/);
    assert.match(await page.locator('#timeline').innerText(), /Version 2: Staging → Production[\s\S]*Independent validation signed off by model risk/);
    assert.match(await page.locator('#promotions').innerText(), /Approved by model-risk-office/);
    assert.equal(await page.getByRole('link', { name: 'Compliance report' }).getAttribute('href'),
      '/ui/models/toxicity-classifier/report');
    await page.locator('#live-status[data-status="live"]').waitFor();
    await saveScreenshot(page, 'ui-model.png');
    assert.deepEqual(await accessibilityFaults(page), [], 'the model page has serious accessibility faults');

    // The address is a deep link: loading it afresh shows the same page; Back returns to the search.
    await page.reload();
    await page.locator('#version-2').waitFor();
    await page.goBack();
    await page.getByText(/1 model matches “assay”/).waitFor();

    // A narrow screen: nothing wider than the viewport.
    await page.setViewportSize({ width: 390, height: 800 });
    await page.goto(`${server.url}/ui/models/toxicity-classifier`);
    await page.locator('#version-2').waitFor();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `the model page is ${overflow}px wider than a narrow screen`);
    await saveScreenshot(page, 'ui-model-narrow.png');
    await assertClean(page, problems);
  } catch (error) {
    await saveScreenshot(page, 'ui-failure-search.png').catch(() => {});
    throw error;
  } finally {
    await context.close();
  }
});

test('a promotion made through the API while the model page is open appears on the page without a reload', async () => {
  const registry = createRegistryClient(server.url, { apiKey: server.adminKey });
  const model = await registry.registerModel(`ui-live-${Date.now()}`);
  const version = await registry.createModelVersion(model.id);
  const { page, context, problems } = await openPage();
  try {
    await page.goto(`${server.url}/ui/models/${model.name}`);
    await page.locator('#version-1 .badge-stage-development').waitFor();
    await page.locator('#live-status[data-status="live"]').waitFor();
    await page.evaluate(() => { window.sameDocument = true; });

    // The socket is acknowledged before the server has registered the subscriptions sent after the ack, so the first
    // promotion may race them: promote, and if the page has not shown it within a few seconds, move back and promote again.
    const staging = page.locator('#version-1 .badge-stage-staging');
    const deadline = Date.now() + 30_000;
    for (;;) {
      await registry.promote(version.id, 'STAGING', 'shadow traffic looks good');
      if (await staging.waitFor({ timeout: 5_000 }).then(() => true, () => false)) break;
      if (Date.now() > deadline) assert.fail('the promotion never appeared on the open page');
      await registry.promote(version.id, 'DEVELOPMENT', 'retry the live check');
    }
    assert.equal(await page.evaluate(() => window.sameDocument), true, 'the page reloaded instead of updating in place');
    assert.match(await page.locator('.notices').innerText(), /Version 1 moved from Development to Staging by .*: shadow traffic looks good/);
    assert.match(await page.locator('#timeline').innerText(), /Version 1: Development → Staging[\s\S]*shadow traffic looks good/);
    await assertClean(page, problems);
  } catch (error) {
    await saveScreenshot(page, 'ui-failure-live.png').catch(() => {});
    throw error;
  } finally {
    await context.close();
  }
});

test('after a dropped socket the model page names what it missed and shows it, still without a reload', async () => {
  const registry = createRegistryClient(server.url, { apiKey: server.adminKey });
  const model = await registry.registerModel(`ui-resume-${Date.now()}`);
  const version = await registry.createModelVersion(model.id);
  const { page, context, problems } = await openPage();
  // Every socket of the page goes through the test, which can drop it as a network would.
  const sockets = [];
  await page.routeWebSocket(/\/graphql$/, (socket) => {
    sockets.push(socket);
    socket.connectToServer();
  });
  try {
    await page.goto(`${server.url}/ui/models/${model.name}`);
    await page.locator('#live-status[data-status="live"]').waitFor();
    await page.evaluate(() => { window.sameDocument = true; });

    await sockets[0].close({ code: 1006, reason: 'network drop' });
    await page.locator('#live-status[data-status="offline"]').waitFor();
    // Made while the page has no socket: no subscription can deliver it, only the catch-up read.
    await registry.promote(version.id, 'STAGING', 'promoted while the page was offline');

    await page.locator('#live-status[data-status="live"]').waitFor({ timeout: 20_000 });
    await page.locator('#version-1 .badge-stage-staging').waitFor({ timeout: 10_000 });
    assert.match(await page.locator('.notices').innerText(), /While offline: Stage changed by .*: promoted while the page was offline/);
    assert.equal(await page.evaluate(() => window.sameDocument), true, 'the page reloaded instead of catching up');
    assert.ok(sockets.length >= 2, 'the page did not open a new socket');
    await assertClean(page, problems);
  } catch (error) {
    await saveScreenshot(page, 'ui-failure-resume.png').catch(() => {});
    throw error;
  } finally {
    await context.close();
  }
});

test('in Production the pages ask for an API key, explain a refused one and show the catalogue with a valid one', async () => {
  const production = await startServer({ name: 'ui-production', environment: 'Production' });
  const registry = createRegistryClient(production.url, { apiKey: production.adminKey });
  const model = await registry.registerModel(`ui-signed-in-${Date.now()}`, 'chem-safety');
  const { page, context, problems } = await openPage();
  try {
    const response = await page.goto(`${production.url}/`);
    assert.equal(response.status(), 200, 'the page shell must load without credentials');
    await page.getByRole('heading', { name: 'Sign in to the Model Registry' }).waitFor();
    const keyField = page.getByLabel('API key');

    await keyField.fill('not-a-key-this-registry-knows');
    await page.getByRole('button', { name: 'Sign in' }).click();
    const refusal = page.getByRole('alert');
    await refusal.waitFor();
    assert.match(await refusal.innerText(), /did not accept that API key: it is unknown or has been revoked/);
    assert.equal(await page.evaluate(() => sessionStorage.length), 0, 'a refused key must not be kept');
    await saveScreenshot(page, 'ui-sign-in-refused.png');

    await page.getByLabel('API key').fill(production.adminKey);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Find a model to reuse' }).waitFor();
    await page.getByRole('link', { name: model.name }).waitFor();
    assert.match(await page.locator('#session').innerText(), /Signed in as/);
    assert.equal(await page.evaluate(() => sessionStorage.getItem('model-registry.api-key')), production.adminKey, 'the key is not kept for the tab');
    assert.ok(!page.url().includes(production.adminKey), 'the key must never appear in the address');

    // The socket signs in with the key in connection_init: the model page goes live.
    await page.getByRole('link', { name: model.name }).click();
    await page.locator('#live-status[data-status="live"]').waitFor();
    assert.ok(!page.url().includes(production.adminKey));
    // The browser reports the two refused sign-in checks (HTTP 401) on the console; nothing else may appear there.
    await assertClean(page, problems.filter((p) => !/status of 401 \(Unauthorized\)/.test(p)));
  } catch (error) {
    await saveScreenshot(page, 'ui-failure-production.png').catch(() => {});
    throw error;
  } finally {
    await context.close();
    await production.stop();
  }
});
