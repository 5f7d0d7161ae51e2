// The compliance report page: the registry's HTML rendering of the report (the same content as the Markdown form), what
// the registry verified when it generated it, and downloads of the signed HTML, Markdown and JSON forms.
import { AuthenticationError, apiKey, query } from './graphql.js';
import { h, link, replace, state, when } from './dom.js';

const MODEL_ID = `query ReportModel($name: String!) { model(name: $name) { id name displayName } }`;

const REPORT = `
  query ComplianceReportPage($modelId: ID!) {
    complianceReport(modelId: $modelId, format: HTML) {
      content generatedAt auditVerified stateVerified auditChainHead signatureAlgorithm signingKeyId
    }
  }`;

const PUBLIC_KEY = '/.well-known/model-registry/report-signing-key.pem';

/**
 * A link that downloads `href` as `filename`. A plain link carries no API key, so when the viewer signed in with one the
 * click fetches the file with it and hands the bytes over; the bytes are exactly what the registry signed.
 */
export function downloadLink(label, href, filename) {
  const anchor = h('a', { href, class: 'button button-quiet', download: filename }, label);
  anchor.addEventListener('click', async (event) => {
    const key = apiKey();
    if (!key) return;
    event.preventDefault();
    anchor.parentElement?.querySelector(`[data-failed-download="${filename}"]`)?.remove();
    let response;
    try {
      response = await fetch(href, { headers: { 'x-api-key': key } });
    } catch {
      response = null;
    }
    if (!response?.ok) {
      anchor.after(h('span', { class: 'form-error', role: 'alert', 'data-failed-download': filename },
        ` ${label} could not be downloaded${response ? ` (HTTP ${response.status})` : ': the registry did not answer'}.`));
      return;
    }
    const url = URL.createObjectURL(await response.blob());
    const save = h('a', { href: url, download: filename });
    document.body.append(save);
    save.click();
    save.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  });
  return anchor;
}

/** Renders the report of model `name` into `context.main`. */
export function renderReport(context, name) {
  document.title = `Compliance report: ${name} · Model Registry`;
  const page = h('div', { class: 'report-page' }, state('loading', `Generating the compliance report of ${name}…`));
  replace(context.main, page);
  let left = false;
  (async () => {
    const found = await query(MODEL_ID, { name });
    if (!found.model) return null;
    const data = await query(REPORT, { modelId: found.model.id });
    return { model: found.model, report: data.complianceReport };
  })().then((answer) => {
    if (left) return;
    if (!answer) {
      replace(page, h('section', { class: 'card' }, h('h1', {}, 'Model not found'),
        h('p', {}, `There is no model named “${name}” that you can see, so there is no report to show.`), link('/', 'Search the catalogue')));
      return;
    }
    replace(page, ...reportSections(answer.model, answer.report));
  }, (error) => {
    if (left) return;
    if (error instanceof AuthenticationError) context.onAuthenticationError(error);
    else replace(page, state('error', `The compliance report could not be generated. ${error.message}`));
  });
  return () => {
    left = true;
  };
}

function reportSections(model, report) {
  const base = `/models/${encodeURIComponent(model.name)}/compliance-report`;
  const verdict = (ok, yes, no) => h('span', { class: ok ? 'verdict verdict-ok' : 'verdict verdict-bad' }, ok ? `✓ ${yes}` : `✗ ${no}`);
  return [
    h('header', { class: 'model-header' },
      h('p', { class: 'crumbs' }, link('/', 'Catalogue'), ' / ', link(`/ui/models/${encodeURIComponent(model.name)}`, model.name), ' / ',
        h('span', {}, 'Compliance report')),
      h('h1', {}, `Compliance report: ${model.displayName || model.name}`)),
    h('section', { class: 'card report-facts', 'aria-labelledby': 'report-facts-title' },
      h('h2', { id: 'report-facts-title' }, 'What the registry checked'),
      h('dl', { class: 'card-fields' },
        h('div', {}, h('dt', {}, 'Generated'), h('dd', {}, when(report.generatedAt))),
        h('div', {}, h('dt', {}, 'Audit chain'), h('dd', { id: 'report-audit' },
          verdict(report.auditVerified, 'every event’s hash checks out', 'the hash chain does not verify'))),
        h('div', {}, h('dt', {}, 'Live state'), h('dd', { id: 'report-state' },
          verdict(report.stateVerified, 'matches the state replayed from the chain', 'differs from the chain; the report lists every difference'))),
        h('div', {}, h('dt', {}, 'Chain head'), h('dd', {}, h('code', { class: 'hash' }, report.auditChainHead || '—'))),
        h('div', {}, h('dt', {}, 'Signature'), h('dd', {}, `${report.signatureAlgorithm}, key `, h('code', { class: 'hash' }, report.signingKeyId), ' · ',
          h('a', { href: PUBLIC_KEY }, 'public key')))),
      h('p', { class: 'hint' }, 'Each download is signed over its exact bytes; the signature comes in the X-Registry-Signature header. ',
        'docs/governance.md shows how to check it with openssl.'),
      h('div', { class: 'actions' },
        downloadLink('Download HTML', `${base}.html`, `${model.name}-compliance-report.html`),
        downloadLink('Download Markdown', `${base}.md`, `${model.name}-compliance-report.md`),
        downloadLink('Download JSON', `${base}.json`, `${model.name}-compliance-report.json`))),
    h('article', { class: 'card report', id: 'report', 'aria-label': 'Compliance report' }, ...reportBody(report.content)),
  ];
}

/**
 * The report's own sections: the <main> of the registry's HTML page (its inline stylesheet stays behind; this page has
 * its own), parsed into an inert template, its first heading dropped for the page's own. The registry renders user
 * text as text, and this page's Content-Security-Policy forbids inline script and style besides.
 */
function reportBody(content) {
  const start = content.indexOf('<main>');
  const end = content.lastIndexOf('</main>');
  const template = document.createElement('template');
  template.innerHTML = start >= 0 && end > start ? content.slice(start + '<main>'.length, end) : '';
  const main = template.content;
  main.querySelector('h1')?.remove();
  for (const table of main.querySelectorAll('table')) {
    const scroll = document.createElement('div');
    scroll.className = 'table-scroll';
    table.replaceWith(scroll);
    scroll.append(table);
    table.className = 'table';
    for (const th of table.querySelectorAll('thead th')) th.setAttribute('scope', 'col');
  }
  return [...main.childNodes];
}
