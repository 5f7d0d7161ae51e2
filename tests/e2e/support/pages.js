'use strict';

// What the page tests (ui.test.js, ui-lineage.test.js) share: a browser page that records what went wrong in it, the
// assertion that nothing did, screenshots kept with the test output, and axe-core's serious and critical findings.

const assert = require('node:assert/strict');
const fs = require('node:fs');
const fsp = require('node:fs/promises');
const path = require('node:path');
const { outputDirectory } = require('./server');

/**
 * A page in a browser context of its own (so sessionStorage starts empty) that records console errors, uncaught
 * exceptions, failed requests and Content-Security-Policy violations. With an API key, the tab starts signed in: the
 * pages read the key from sessionStorage, as after the sign-in form.
 */
async function openPage(browser, { apiKey = null, width = 1280, height = 900 } = {}) {
  const context = await browser.newContext({ viewport: { width, height }, acceptDownloads: true });
  const page = await context.newPage();
  const problems = [];
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`exception: ${error.message}`));
  page.on('requestfailed', (request) => {
    // A download the test does not follow, or a socket closed by navigation, is not a fault of the page.
    if (!/ERR_ABORTED/.test(request.failure()?.errorText ?? '')) problems.push(`request failed: ${request.method()} ${request.url()}`);
  });
  await page.addInitScript((key) => {
    window.cspViolations = [];
    document.addEventListener('securitypolicyviolation', (event) => window.cspViolations.push(`${event.violatedDirective} ${event.blockedURI}`));
    if (key) sessionStorage.setItem('model-registry.api-key', key);
  }, apiKey);
  return { page, context, problems };
}

/** Fails when the page broke its Content-Security-Policy or logged an error. */
async function assertClean(page, problems) {
  const violations = await page.evaluate(() => window.cspViolations);
  assert.deepEqual(violations, [], 'the page broke its Content-Security-Policy');
  assert.deepEqual(problems, [], 'the page logged errors');
}

/** Saves a full-page screenshot with the test output, and fails when it is (nearly) empty. */
async function saveScreenshot(page, name) {
  await fsp.mkdir(outputDirectory, { recursive: true });
  const file = path.join(outputDirectory, name);
  await page.screenshot({ path: file, fullPage: true, animations: 'disabled', caret: 'hide', timeout: 15_000 });
  assert.ok(fs.statSync(file).size > 10_000, `the screenshot ${name} is (nearly) empty`);
}

// axe-core runs in the page through the DevTools protocol, which the page's policy does not govern.
let axeSource;
/** axe-core's serious and critical findings on the page, one line each. */
async function accessibilityFaults(page) {
  axeSource ??= await fsp.readFile(require.resolve('axe-core/axe.min.js'), 'utf8');
  await page.evaluate(axeSource);
  const result = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact} ${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join('; ')})`);
}

module.exports = { openPage, assertClean, saveScreenshot, accessibilityFaults };
