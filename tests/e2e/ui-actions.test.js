'use strict';

// The model page's actions and the pages it links to, in headless Chromium against the real API with the demo seed:
// controls appear only for roles that may use them; a promotion requested through the page, self-approved (refused
// with SELF_APPROVAL, shown in words) and approved by an independent approver is applied; an alias set through the
// page moves; the compliance report renders as HTML and downloads the signed bytes; a consumer application has a page.

const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const crypto = require('node:crypto');
const fsp = require('node:fs/promises');
const { chromium } = require('playwright-core');
const { chromiumPath, chromiumArgs, requireChromium } = require('./support/chromium');
const { startServer } = require('./support/server');
const pages = require('./support/pages');
const { assertClean, saveScreenshot, accessibilityFaults } = pages;
const { createRegistryClient } = require('./support/registry');

let server;
let browser;
let registry;

before(async () => {
  requireChromium();
  server = await startServer({ name: 'ui-actions', env: { Registry__Seed: 'demo' } });
  registry = createRegistryClient(server.url, { apiKey: server.adminKey });
  browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

const openPage = (options) => pages.openPage(browser, options);

/** An API key for a new principal holding each of `grants` ([role, scope] pairs). */
async function keyWith(principal, ...grants) {
  for (const [role, scope] of grants) {
    const granted = await registry.query('mutation($input: GrantRoleInput!) { grantRole(input: $input) { errors { code message } } }',
      { input: { principal, role, scope } });
    assert.equal(granted.grantRole.errors, null, JSON.stringify(granted.grantRole.errors));
  }
  const created = await registry.query('mutation($input: CreateApiKeyInput!) { createApiKey(input: $input) { secret errors { code message } } }',
    { input: { name: `${principal}-key`, principal } });
  assert.equal(created.createApiKey.errors, null, JSON.stringify(created.createApiKey.errors));
  return created.createApiKey.secret;
}

async function versionState(name, number) {
  const data = await registry.query('query($name: String!, $n: Int!) { model(name: $name) { aliases { name version { number } } version(number: $n) { stage } } }',
    { name, n: number });
  return { stage: data.model.version.stage, aliases: Object.fromEntries(data.model.aliases.map((a) => [a.name, a.version.number])) };
}

test('a viewer sees the model page without any control it may not use', async () => {
  const key = await keyWith(`ui-viewer-${Date.now()}`, ['VIEWER', 'team:chem-safety']);
  const { page, context, problems } = await openPage({ apiKey: key });
  try {
    await page.goto(`${server.url}/ui/models/toxicity-classifier`);
    await page.locator('#version-2').waitFor();
    await page.locator('#promotions').waitFor();
    assert.equal(await page.getByRole('button', { name: 'Approve' }).count(), 0, 'a viewer is offered an approve button');
    assert.equal(await page.getByRole('button', { name: 'Reject' }).count(), 0);
    assert.equal(await page.getByText('Request a promotion').count(), 0, 'a viewer is offered a promotion request');
    assert.equal(await page.getByText('Set an alias').count(), 0, 'a viewer is offered to set an alias');
    assert.equal(await page.locator('form.action-form').count(), 0);

    // The admin, on the same page, gets the controls: the check is the viewer's role, not the page.
    const admin = await openPage({ apiKey: server.adminKey });
    try {
      await admin.page.goto(`${server.url}/ui/models/toxicity-classifier`);
      await admin.page.locator('#version-2').waitFor();
      await admin.page.getByText('Set an alias').waitFor();
      assert.ok(await admin.page.locator('#version-2').getByText('Request a promotion').count() > 0, 'the admin is not offered a promotion request');
    } finally {
      await admin.context.close();
    }
    await assertClean(page, problems);
  } catch (error) {
    await saveScreenshot(page, 'ui-failure-actions-viewer.png').catch(() => {});
    throw error;
  } finally {
    await context.close();
  }
});

test('a promotion requested through the page is refused to its requester as a self-approval and applied by an independent approver', async () => {
  const name = `ui-approve-${Date.now()}`;
  const model = await registry.registerModel(name, 'e2e-team');
  const version = await registry.createModelVersion(model.id);
  await registry.promote(version.id, 'STAGING', 'ready for review');
  const requesterKey = await keyWith(`ui-requester-${Date.now()}`, ['CONTRIBUTOR', `model:${name}`], ['APPROVER', 'team:e2e-team']);
  const approverKey = await keyWith(`ui-approver-${Date.now()}`, ['APPROVER', 'team:e2e-team']);

  const requester = await openPage({ apiKey: requesterKey });
  try {
    const { page } = requester;
    await page.goto(`${server.url}/ui/models/${name}`);
    await page.locator('#version-1 .badge-stage-staging').waitFor();
    assert.equal(await page.getByText('Set an alias').count(), 0, 'a contributor is offered to set an alias (DEPLOYER)');
    await page.locator('#version-1').getByText('Request a promotion').click();
    await page.getByLabel('Move to').selectOption('PRODUCTION');
    await page.getByLabel('Reason').fill('validated on the hold-out set');
    await page.getByRole('button', { name: 'Request promotion' }).click();
    await page.getByText(/Requested: version 1 moves to Production once approvers accept it/).waitFor();
    assert.equal((await versionState(name, 1)).stage, 'STAGING', 'the request was applied without an approval');

    // The pending request offers its requester (an approver too) the decision; the registry refuses it in words.
    const request = page.locator('#promotions .request', { hasText: 'Version 1 → Production' });
    await request.getByRole('button', { name: 'Approve' }).waitFor();
    await request.getByRole('button', { name: 'Approve' }).click();
    const refusal = request.locator('[data-code="SELF_APPROVAL"]');
    await refusal.waitFor();
    assert.match(await refusal.innerText(), /cannot approve or reject a promotion you requested yourself/);
    assert.equal((await versionState(name, 1)).stage, 'STAGING');
    await saveScreenshot(page, 'ui-self-approval.png');
    await assertClean(page, requester.problems);
  } catch (error) {
    await saveScreenshot(requester.page, 'ui-failure-self-approval.png').catch(() => {});
    throw error;
  } finally {
    await requester.context.close();
  }

  const approver = await openPage({ apiKey: approverKey });
  try {
    const { page } = approver;
    await page.goto(`${server.url}/ui/models/${name}`);
    const request = page.locator('#promotions .request', { hasText: 'Version 1 → Production' });
    await request.getByLabel('Comment').fill('independent review passed');
    await request.getByRole('button', { name: 'Approve' }).click();
    await page.getByText(/Approved and applied: version 1 is now in Production/).waitFor();
    await page.locator('#version-1 .badge-stage-production').waitFor();
    assert.equal((await versionState(name, 1)).stage, 'PRODUCTION', 'the approval through the page did not apply the promotion');
    assert.match(await page.locator('#promotions').innerText(), /Approved by ui-approver-\d+.*independent review passed/);
    assert.equal(await page.locator('#promotions').getByRole('button', { name: 'Approve' }).count(), 0, 'a decided request still offers a decision');
    await assertClean(page, approver.problems);
  } catch (error) {
    await saveScreenshot(approver.page, 'ui-failure-approval.png').catch(() => {});
    throw error;
  } finally {
    await approver.context.close();
  }
});

test('a deployer sets an alias through the page, and a rejection needs a comment', async () => {
  const name = `ui-alias-${Date.now()}`;
  const model = await registry.registerModel(name, 'e2e-team');
  await registry.createModelVersion(model.id);
  const second = await registry.createModelVersion(model.id);
  await registry.promote(second.id, 'STAGING', 'candidate');
  const key = await keyWith(`ui-deployer-${Date.now()}`, ['DEPLOYER', `model:${name}`], ['APPROVER', 'team:e2e-team']);
  const { page, context, problems } = await openPage({ apiKey: key });
  try {
    await page.goto(`${server.url}/ui/models/${name}`);
    await page.locator('#version-2').waitFor();
    await page.getByText('Set an alias').click();
    await page.getByLabel('Alias', { exact: true }).fill('challenger');
    await page.getByLabel('Points at').selectOption({ label: 'Version 2 (Staging)' });
    await page.getByRole('button', { name: 'Set alias' }).click();
    await page.getByText(/Alias “challenger” now points at version 2/).waitFor();
    await page.locator('#version-2 .alias', { hasText: 'challenger' }).waitFor();
    assert.deepEqual((await versionState(name, 2)).aliases, { challenger: 2 });

    // An admin requests production for version 2; the deployer (an approver, not the requester) rejects it, with a reason.
    const requested = await registry.query('mutation($input: PromoteModelVersionInput!) { promoteModelVersion(input: $input) { promotionRequest { status } errors { code } } }',
      { input: { modelVersionId: second.id, targetStage: 'PRODUCTION', reason: 'ship it' } });
    assert.equal(requested.promoteModelVersion.promotionRequest.status, 'PENDING');
    await page.reload();
    const request = page.locator('#promotions .request', { hasText: 'Version 2 → Production' });
    await request.getByRole('button', { name: 'Reject' }).click();
    await request.getByText(/a rejection needs a comment/).waitFor();
    await request.getByLabel('Comment').fill('the fairness review is missing');
    await request.getByRole('button', { name: 'Reject' }).click();
    await page.getByText(/Rejected: version 2 stays where it is/).waitFor();
    await page.locator('#promotions .request', { hasText: /Rejected by ui-deployer-\d+.*the fairness review is missing/ }).waitFor();
    assert.equal((await versionState(name, 2)).stage, 'STAGING');
    await assertClean(page, problems);
  } catch (error) {
    await saveScreenshot(page, 'ui-failure-alias.png').catch(() => {});
    throw error;
  } finally {
    await context.close();
  }
});

test('the compliance report renders as HTML in the pages and downloads the exact signed bytes', async () => {
  const { page, context, problems } = await openPage({ apiKey: server.adminKey });
  try {
    await page.goto(`${server.url}/ui/models/toxicity-classifier`);
    await page.getByRole('link', { name: 'Compliance report' }).click();
    await page.waitForURL(`${server.url}/ui/models/toxicity-classifier/report`);
    await page.getByRole('heading', { level: 1, name: 'Compliance report: Toxicity classifier' }).waitFor();
    const report = page.locator('#report');
    await report.getByRole('heading', { level: 2, name: 'Audit trail' }).waitFor();
    assert.match(await page.locator('#report-audit').innerText(), /✓ every event’s hash checks out/);
    assert.ok(await report.locator('table').count() > 3, 'the report has no tables');
    assert.match(await report.innerText(), /Drift status/);
    await saveScreenshot(page, 'ui-report.png');
    assert.deepEqual(await accessibilityFaults(page), [], 'the report page has serious accessibility faults');

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Download HTML' }).click()]);
    assert.equal(download.suggestedFilename(), 'toxicity-classifier-compliance-report.html');
    const bytes = await fsp.readFile(await download.path());
    assert.match(bytes.toString('utf8'), /^<!DOCTYPE html>[\s\S]*<h1>Compliance report: toxicity-classifier<\/h1>/);
    assert.doesNotMatch(bytes.toString('utf8'), /<script/i);

    // The same page from the download route verifies with the registry's public key; the page is generated anew on
    // each request, so the check is of a fresh download, not of bytes compared across requests.
    const response = await fetch(`${server.url}/models/toxicity-classifier/compliance-report.html`, { headers: { 'x-api-key': server.adminKey } });
    const body = Buffer.from(await response.arrayBuffer());
    const publicKey = await (await fetch(`${server.url}/.well-known/model-registry/report-signing-key.pem`)).text();
    const signature = Buffer.from(response.headers.get('x-registry-signature'), 'base64');
    assert.ok(crypto.verify('sha256', body, publicKey, signature), 'the HTML download does not verify');
    assert.match(response.headers.get('content-security-policy'), /^default-src 'none'; style-src 'sha256-/);
    await assertClean(page, problems);
  } catch (error) {
    await saveScreenshot(page, 'ui-failure-report.png').catch(() => {});
    throw error;
  } finally {
    await context.close();
  }
});

test('a consumer application has a page listing what it reads', async () => {
  const data = await registry.query('query { search(text: "compound-screening-portal", types: [CONSUMER_APPLICATION], first: 1) { nodes { ... on ConsumerApplication { id name } } } }');
  const consumer = data.search.nodes[0];
  assert.equal(consumer?.name, 'compound-screening-portal', 'the seed has no compound-screening-portal consumer');
  const { page, context, problems } = await openPage();
  try {
    await page.goto(`${server.url}/ui/consumers/${encodeURIComponent(consumer.id)}`);
    await page.getByRole('heading', { level: 1, name: 'compound-screening-portal' }).waitFor();
    const deployments = page.locator('#consumer-deployments');
    assert.match(await deployments.innerText(), /Toxicity classifier v2[\s\S]*production/);
    assert.match(await page.locator('#consumer-summary').innerText(), /It reads 1 deployment/);
    await deployments.getByRole('link', { name: 'Toxicity classifier v2' }).click();
    await page.waitForURL(`${server.url}/ui/models/toxicity-classifier#version-2`);
    await page.locator('#deployments').getByRole('link', { name: 'compound-screening-portal' }).click();
    await page.waitForURL(`${server.url}/ui/consumers/${encodeURIComponent(consumer.id)}`);
    await page.getByRole('heading', { level: 1, name: 'compound-screening-portal' }).waitFor();
    assert.deepEqual(await accessibilityFaults(page), [], 'the consumer page has serious accessibility faults');

    await page.goto(`${server.url}/ui/consumers/no-such-id`);
    await page.getByRole('heading', { name: 'Consumer application not found' }).waitFor();
    await assertClean(page, problems.filter((p) => !/status of 400/.test(p)));
  } catch (error) {
    await saveScreenshot(page, 'ui-failure-consumer.png').catch(() => {});
    throw error;
  } finally {
    await context.close();
  }
});
