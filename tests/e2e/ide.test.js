'use strict';

// Banana Cake Pop in headless Chromium: the IDE loads offline from /graphql/, introspects the API,
// and runs a query whose result shows in the response pane.

const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const fsp = require('node:fs/promises');
const os = require('node:os');
const path = require('node:path');
const { chromium } = require('playwright-core');
const { chromiumPath, chromiumArgs, requireChromium } = require('./support/chromium');
const { startServer, outputDirectory } = require('./support/server');
const { createRegistryClient } = require('./support/registry');

const QUERY = '{ models(first: 2) { nodes { name } } }';

let server;
let context;
const profileDirectories = [];
const contexts = [];

// A persistent context on a new, empty profile folder: no state from any earlier run or test (the IDE restores the
// documents of its last session, so each test starts from its own profile).
async function newBrowserContext() {
  const profileDirectory = await fsp.mkdtemp(path.join(os.tmpdir(), 'registry-e2e-chromium-'));
  profileDirectories.push(profileDirectory);
  const created = await chromium.launchPersistentContext(profileDirectory, {
    executablePath: chromiumPath,
    args: chromiumArgs,
    viewport: { width: 1400, height: 900 },
  });
  contexts.push(created);
  return created;
}

before(async () => {
  requireChromium();
  server = await startServer({ name: 'ide', env: { Registry__Seed: 'demo' } });
  context = await newBrowserContext();
});

after(async () => {
  for (const created of contexts) await created.close();
  await server?.stop();
  for (const directory of profileDirectories) {
    await fsp.rm(directory, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
  }
});

// A viewport screenshot (not fullPage: resizing the page makes Monaco relayout, which can stall the capture on a
// busy machine), retried because headless Chromium sometimes misses a frame under load.
async function saveScreenshot(page, file) {
  await fsp.mkdir(path.dirname(file), { recursive: true });
  let lastError;
  for (let attempt = 0; attempt < 3; attempt += 1) {
    try {
      await page.screenshot({ path: file, timeout: 15_000, animations: 'disabled', caret: 'hide' });
      return;
    } catch (error) {
      lastError = error;
    }
  }
  throw lastError;
}

test('Banana Cake Pop runs a models query against the demo registry and shows the result', async () => {
  const page = await context.newPage();
  const failedRequests = [];
  page.on('requestfailed', (request) => failedRequests.push(`${request.method()} ${request.url()}`));
  try {
    await runInIde(page, QUERY);

    const responsePane = page.locator('.monaco-editor').nth(1);
    const shownNow = async () => {
      try {
        return (await page.locator('.monaco-editor').allTextContents()).slice(1).some((text) => text.includes('toxicity-classifier'));
      } catch {
        return false;
      }
    };
    await runUntil(page, QUERY, shownNow);
    // The IDE may re-render (and briefly replace its frame) right after answering; read the panes again if it does.
    let shown;
    try {
      shown = (await page.locator('.monaco-editor').allTextContents()).slice(1).join('\n');
    } catch {
      await runUntil(page, QUERY, shownNow);
      shown = (await page.locator('.monaco-editor').allTextContents()).slice(1).join('\n');
    }
    assert.match(shown, /"models"/, 'the response pane does not show the models field');
    assert.match(shown, /toxicity-classifier/, 'the response pane does not show the first seeded model');
    assert.match(shown, /drug-repurposing-ranker/, 'the response pane does not show the second seeded model');
    assert.doesNotMatch(shown, /"errors"/, 'the query answered errors');
    assert.ok(await responsePane.isVisible(), 'the response pane is not visible');

    const screenshotPath = path.join(outputDirectory, 'ide-models-query.png');
    await saveScreenshot(page, screenshotPath);
    assert.ok(fs.statSync(screenshotPath).size > 0, 'the screenshot is empty');
  } catch (error) {
    await fsp.mkdir(outputDirectory, { recursive: true });
    await page.screenshot({ path: path.join(outputDirectory, 'ide-failure.png'), timeout: 10_000 }).catch(() => {});
    error.message += failedRequests.length ? `\nfailed requests: ${failedRequests.join(', ')}` : '';
    throw error;
  } finally {
    await page.close();
  }
});

// Runs an operation from the IDE: a new document, the text put in the operation editor, then Run.
async function runInIde(page, operation) {
  const response = await page.goto(`${server.url}/graphql`, { waitUntil: 'domcontentloaded' });
  assert.equal(response.status(), 200, 'the IDE page did not load');
  assert.equal(new URL(page.url()).pathname, '/graphql/', 'GET /graphql from a browser must redirect to /graphql/');
  await page.getByText('Create Document', { exact: true }).first().click({ timeout: 60_000 });
  await page.getByText('Schema available').first().waitFor({ timeout: 60_000 });
  await enterOperation(page, operation);
  await page.locator('button:visible').filter({ hasText: /^\s*Run\s*$/ }).first().click({ timeout: 60_000 });
}

async function enterOperation(page, operation) {
  await page.locator('.monaco-editor .view-lines').first().click({ timeout: 30_000 });
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Delete');
  await page.keyboard.insertText(operation);
  // Give the IDE its debounce to take the text into the document before pressing Run.
  await page.waitForTimeout(1_500);
}

// Monaco renders spaces as no-break spaces and may wrap; compare documents without any white space.
const compact = (text) => text.replace(/[\s\u00a0]+/g, '');

// On a busy machine the IDE can miss the first Run (it went out before the editor's text reached the document, or the
// IDE reloaded its page on a fresh profile and dropped the text). Until `done()` holds or two minutes pass: put the
// operation back if the editor lost it, press Run, and give the answer ten seconds to show.
async function runUntil(page, operation, done) {
  const deadline = Date.now() + 120_000;
  for (;;) {
    for (let waited = 0; waited < 10_000; waited += 500) {
      if (await done()) return;
      await page.waitForTimeout(500);
    }
    if (Date.now() > deadline) throw new Error('the IDE showed no answer to the operation within two minutes of Run');
    const editorText = await page.locator('.monaco-editor').first().textContent({ timeout: 5_000 }).catch(() => '');
    if (!compact(editorText ?? '').includes(compact(operation))) await enterOperation(page, operation).catch(() => {});
    await page.locator('button:visible').filter({ hasText: /^\s*Run\s*$/ }).first().click({ timeout: 5_000 }).catch(() => {});
  }
}


test('Banana Cake Pop receives a live promotion through a subscription', async () => {
  const registry = createRegistryClient(server.url, { apiKey: server.adminKey });
  const model = await registry.registerModel(`ide-live-${Date.now()}`);
  const version = await registry.createModelVersion(model.id);
  const page = await (await newBrowserContext()).newPage();
  const failedRequests = [];
  page.on('requestfailed', (request) => failedRequests.push(`${request.method()} ${request.url()}`));
  try {
    await runInIde(page, `subscription { modelVersionPromoted(modelId: "${model.id}") { sequence to modelVersion { id } } }`);

    // No protocol message tells the page that the subscription is live, so promote until the response pane shows one.
    // Read through a locator, which survives the IDE reloading its page (it may, on a fresh profile).
    const shown = async () => {
      try {
        const panes = (await page.locator('.monaco-editor').allTextContents()).slice(1);
        return panes.some((text) => text.includes('modelVersionPromoted') && text.includes('STAGING'));
      } catch {
        return false;
      }
    };
    let stage = 'DEVELOPMENT';
    const deadline = Date.now() + 60_000;
    for (let round = 1; !(await shown()) && Date.now() < deadline; round += 1) {
      // A Run that went out before the IDE took the text in ends at once and leaves Run (not Cancel) showing: run again.
      if (round % 5 === 0) {
        await page.locator('button:visible').filter({ hasText: /^\s*Run\s*$/ }).first().click({ timeout: 1_000 }).catch(() => {});
      }
      stage = stage === 'DEVELOPMENT' ? 'STAGING' : 'DEVELOPMENT';
      await registry.promote(version.id, stage, 'ide subscription e2e');
      await page.waitForTimeout(1_000);
    }
    const pane = (await page.locator('.monaco-editor').allTextContents()).slice(1).join('\n');
    assert.match(pane, /modelVersionPromoted/, 'the response pane shows no promotion event');
    assert.match(pane, /STAGING/, 'the response pane does not show the promotion to STAGING');
    assert.ok(pane.includes(version.id), 'the event is not about the promoted version');
    assert.doesNotMatch(pane, /"errors"/, 'the subscription answered errors');
    await saveScreenshot(page, path.join(outputDirectory, 'ide-subscription.png'));
  } catch (error) {
    await fsp.mkdir(outputDirectory, { recursive: true });
    await page.screenshot({ path: path.join(outputDirectory, 'ide-subscription-failure.png'), timeout: 10_000 }).catch(() => {});
    error.message += failedRequests.length ? `\nfailed requests: ${failedRequests.join(', ')}` : '';
    throw error;
  } finally {
    await page.close();
  }
});
