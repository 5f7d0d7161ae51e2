// The model page: the model card, its versions (metrics, hyperparameters, training data, code, artifacts), the stage
// and alias timeline, promotion requests with approvals, deployments with consumers and drift, and the compliance
// report. It subscribes over graphql-transport-ws and re-reads the model when a promotion, deployment change or drift
// alert concerns it, so changes made elsewhere appear without a reload.
import { AuthenticationError, LiveConnection, query } from './graphql.js';
import { badge, bytes, h, link, number, replace, state, when, words } from './dom.js';
import { consumerHref, lineageHref, reportHref } from './lineage-address.js';
import { aliasControl, decisionControl, promotionControl } from './actions.js';

const MODEL_PAGE = `
  query ModelPage($name: String!) {
    model(name: $name) {
      id name displayName description task owner tags businessContext createdAt createdBy updatedAt
      viewerCan { requestPromotion decidePromotions setAlias }
      keyValueTags { key value }
      aliases { name assignedAt assignedBy version { number } }
      versions(first: 50, order: [{ number: DESC }]) {
        totalCount
        nodes {
          id number stage nextStages description createdAt createdBy framework hyperparameters aliases driftStatus
          metrics { name value split dataset { version dataset { name } } }
          sourceCode { repository commit path }
          trainedOn(first: 20) { id version rowCount dataset { name } }
          artifacts(first: 50) { id name sizeBytes contentType sha256 downloadUrl }
          stageHistory(first: 50) { from to at by reason }
          deployments(first: 20) {
            id environment endpoint platform status trafficPercent driftStatus deployedAt deployedBy compliant complianceIssue
            consumers(first: 20) { id name owner }
          }
        }
      }
    }
  }`;

const MODEL_ACTIVITY = `
  query ModelActivity($modelId: ID!) {
    promotionRequests(first: 50, where: { modelVersion: { modelId: { eq: $modelId } } }) {
      totalCount
      nodes {
        id targetStage status requestedBy requestedAt reason
        modelVersion { number }
        approvals { by approved comment at }
      }
    }
    driftAlerts(first: 50, where: { modelId: { eq: $modelId }, status: { in: [OPEN, ACKNOWLEDGED] } }) {
      totalCount
      nodes {
        id feature metric value threshold status detectedAt consumers
        modelVersion { number }
        deployment { environment }
      }
    }
    latestEvent: registryEvents(last: 1, where: { modelId: { eq: $modelId } }) { nodes { sequence } }
    aliasEvents: registryEvents(last: 50, where: { modelId: { eq: $modelId }, type: { in: ["ALIAS_SET", "ALIAS_REMOVED"] } }) {
      nodes { sequence type occurredAt actor reason payload }
    }
  }`;

// The catch-up read after a dropped socket: the model's events after the last one the page knew of.
const MISSED_EVENTS = `
  query ModelPageMissedEvents($modelId: ID!, $after: Long!) {
    registryEvents(first: 50, where: { modelId: { eq: $modelId }, sequence: { gt: $after } }) {
      nodes { sequence type occurredAt actor reason }
    }
  }`;

const PROMOTED = `
  subscription ModelPagePromotions($modelId: ID) {
    modelVersionPromoted(modelId: $modelId) { sequence from to at by reason modelVersion { number } }
  }`;

const DEPLOYMENTS_CHANGED = `
  subscription ModelPageDeployments {
    deploymentChanged { id environment status modelVersion { number model { id } } }
  }`;

const DRIFT_DETECTED = `
  subscription ModelPageDrift($modelId: ID) {
    driftDetected(modelId: $modelId) { id feature deployment { environment } modelVersion { number } }
  }`;

/** Renders the model page for `name` into `context.main`; returns the function that closes its live connection. */
export function renderModel(context, name) {
  document.title = `${name} · Model Registry`;
  const page = h('div', { class: 'model-page' }, state('loading', `Loading model ${name}…`));
  replace(context.main, page);
  let left = false;
  let live = null;
  let reloadTimer = null;
  // The newest event of this model the page has shown or read past; a reconnect resumes after it.
  let lastSequence = 0;
  const seen = new Set();
  let current = null;
  const liveStatus = h('span', { class: 'live live-connecting', id: 'live-status' }, 'Connecting for live updates…');
  // What the action forms need: the caller's permissions, their last outcomes and open panels (kept across redraws).
  const actions = {
    can: {},
    messages: new Map(),
    open: new Set(),
    redraw: () => { if (!left && current) draw(current); },
    reload: () => reload(),
    clear: (formId) => {
      for (const field of document.getElementById(formId)?.querySelectorAll('[data-keep]') ?? []) {
        kept.delete(field.id);
        if (field.tagName !== 'SELECT') field.value = '';
      }
    },
    onAuthenticationError: (error) => context.onAuthenticationError(error),
  };
  // Values typed into the forms, by field id, so a live redraw does not throw away a half-written reason.
  const kept = new Map();
  const notices = h('ol', { class: 'notices', 'aria-live': 'polite', 'aria-label': 'Live updates' });

  const fail = (error) => {
    if (left) return;
    if (error instanceof AuthenticationError) context.onAuthenticationError(error);
    else replace(page, state('error', `The model could not be loaded. ${error.message}`));
  };

  const read = async () => {
    const data = await query(MODEL_PAGE, { name });
    if (!data.model) return { model: null };
    const activity = await query(MODEL_ACTIVITY, { modelId: data.model.id });
    return { model: data.model, activity };
  };

  // Live events only say what changed; the page re-reads the model so every section agrees.
  const reload = () => {
    clearTimeout(reloadTimer);
    reloadTimer = setTimeout(() => read().then((answer) => {
      if (!left && answer.model) draw(answer);
    }, fail), 150);
  };

  const notify = (text) => {
    notices.prepend(h('li', {}, h('span', { class: 'notice-time' }, when(new Date().toISOString())), ' ', text));
    while (notices.children.length > 5) notices.lastElementChild.remove();
  };

  const draw = (answer) => {
    const { model, activity } = answer;
    current = answer;
    actions.can = model.viewerCan;
    for (const event of activity.latestEvent.nodes) lastSequence = Math.max(lastSequence, Number(event.sequence));
    for (const field of page.querySelectorAll('[data-keep]')) kept.set(field.id, field.value);
    const focused = page.contains(document.activeElement) ? document.activeElement.id : null;
    replace(page, ...modelSections(model, activity, liveStatus, notices, actions));
    for (const [id, value] of kept) {
      const field = document.getElementById(id);
      if (field && page.contains(field)) field.value = value;
    }
    if (focused) document.getElementById(focused)?.focus({ preventScroll: true });
  };

  read().then((answer) => {
    if (left) return;
    if (!answer.model) {
      replace(page, h('section', { class: 'card' }, h('h1', {}, 'Model not found'),
        h('p', {}, `There is no model named “${name}” that you can see. It may have been renamed, or belong to a team whose models you may not read.`),
        link('/', 'Search the catalogue')));
      return;
    }
    document.title = `${answer.model.displayName || answer.model.name} · Model Registry`;
    draw(answer);
    // A link to a version or section (#version-2, #deployments) lands there once the page has drawn it.
    if (location.hash.length > 1) document.getElementById(decodeURIComponent(location.hash.slice(1)))?.scrollIntoView();
    const modelId = answer.model.id;
    live = new LiveConnection({
      onStatus: (status) => {
        liveStatus.className = `live live-${status}`;
        liveStatus.textContent = { connecting: 'Connecting for live updates…', live: 'Live', offline: 'Offline, reconnecting…' }[status];
        liveStatus.dataset.status = status;
      },
      // After a drop the page may have missed events: name them, then read the model again.
      onReconnect: () => {
        const after = lastSequence;
        query(MISSED_EVENTS, { modelId, after }).then((data) => {
          if (left) return;
          for (const e of data.registryEvents.nodes) {
            const sequence = Number(e.sequence);
            lastSequence = Math.max(lastSequence, sequence);
            if (seen.has(sequence)) continue;
            seen.add(sequence);
            notify(`While offline: ${words(e.type)} by ${e.actor}${e.reason ? `: ${e.reason}` : ''}`);
          }
          reload();
        }, fail);
      },
    })
      .subscribe(PROMOTED, { modelId }, ({ modelVersionPromoted: e }) => {
        const sequence = Number(e.sequence);
        lastSequence = Math.max(lastSequence, sequence);
        if (seen.has(sequence)) return;
        seen.add(sequence);
        notify(`Version ${e.modelVersion.number} moved ${e.from ? `from ${words(e.from)} ` : ''}to ${words(e.to)} by ${e.by}${e.reason ? `: ${e.reason}` : ''}`);
        reload();
      })
      .subscribe(DEPLOYMENTS_CHANGED, {}, ({ deploymentChanged: d }) => {
        if (d.modelVersion.model.id !== modelId) return;
        notify(`Deployment of version ${d.modelVersion.number} in ${d.environment} is now ${words(d.status)}`);
        reload();
      })
      .subscribe(DRIFT_DETECTED, { modelId }, ({ driftDetected: a }) => {
        notify(`Drift detected on “${a.feature}” for version ${a.modelVersion.number} in ${a.deployment.environment}`);
        reload();
      })
      .start();
  }, fail);

  return () => {
    left = true;
    clearTimeout(reloadTimer);
    live?.stop();
  };
}

function modelSections(model, activity, liveStatus, notices, actions) {
  const versions = model.versions.nodes;
  return [
    header(model, liveStatus),
    notices,
    h('div', { class: 'model-layout' },
      h('div', { class: 'model-main' },
        section('versions', `Versions (${model.versions.totalCount})`,
          versions.length ? versions.map((v) => versionCard(v, actions)) : state('empty', 'This model has no versions yet.')),
        section('deployments', 'Deployments', deployments(versions, activity.driftAlerts)),
        section('promotions', 'Promotion requests', promotions(activity.promotionRequests, actions))),
      h('aside', { class: 'model-side' },
        section('card', 'Model card', modelCard(model), aliasControl(actions, model)),
        section('timeline', 'Stage and alias history', timeline(versions, activity.aliasEvents.nodes)))),
  ];
}

function section(id, title, ...content) {
  return h('section', { class: 'card', id, 'aria-labelledby': `${id}-title` }, h('h2', { id: `${id}-title` }, title), ...content);
}

function header(model, liveStatus) {
  return h('header', { class: 'model-header' },
    h('p', { class: 'crumbs' }, link('/', 'Catalogue'), ' / ', h('span', {}, model.name)),
    h('div', { class: 'model-title' },
      h('h1', {}, model.displayName || model.name),
      liveStatus),
    h('p', { class: 'result-name' }, h('code', {}, model.name), ' · ', words(model.task), ' · owned by ',
      link(`/ui/search?owner=${encodeURIComponent(model.owner)}`, model.owner)),
    (model.description || model.businessContext) ? h('p', { class: 'lead' }, model.description || model.businessContext) : null,
    h('div', { class: 'actions' },
      h('a', { href: reportHref(model.name), 'data-nav': true, class: 'button button-quiet' }, 'Compliance report'),
      h('a', { href: lineageHref({ root: model.versions.nodes[0]?.id ?? '' }), 'data-nav': true, class: 'button button-quiet',
        hidden: !model.versions.nodes.length }, 'Lineage of the latest version')));
}

function modelCard(model) {
  return h('dl', { class: 'card-fields' },
    field('Business context', model.businessContext || 'Not recorded'),
    field('Tags', model.tags.length ? h('ul', { class: 'tags' }, model.tags.map((t) => h('li', {}, link(`/ui/search?tag=${encodeURIComponent(t)}`, t)))) : 'None'),
    model.keyValueTags.length ? field('Key/value tags', h('ul', { class: 'plain' }, model.keyValueTags.map((t) => h('li', {}, h('code', {}, t.key), ` = ${t.value}`)))) : null,
    field('Aliases', model.aliases.length
      ? h('ul', { class: 'plain' }, model.aliases.map((a) => h('li', {}, h('span', { class: 'alias' }, a.name), ` → version ${a.version.number}`)))
      : 'None'),
    field('Registered', [when(model.createdAt), ` by ${model.createdBy}`]),
    field('Last change', when(model.updatedAt)));
}

function field(label, value) {
  return h('div', {}, h('dt', {}, label), h('dd', {}, value));
}

function versionCard(version, actions) {
  const hyper = version.hyperparameters && typeof version.hyperparameters === 'object' ? Object.entries(version.hyperparameters) : [];
  return h('article', { class: 'version', id: `version-${version.number}`, 'aria-labelledby': `version-${version.number}-title` },
    h('div', { class: 'version-head' },
      h('h3', { id: `version-${version.number}-title` }, `Version ${version.number}`),
      badge('stage', version.stage),
      version.aliases.map((a) => h('span', { class: 'alias' }, a)),
      version.deployments.length ? h('span', { class: 'muted' }, 'Drift ', badge('drift', version.driftStatus)) : null,
      h('a', { href: lineageHref({ root: version.id }), 'data-nav': true, class: 'version-lineage', 'aria-label': `Lineage of version ${version.number}` }, 'Lineage')),
    version.description ? h('p', {}, version.description) : null,
    promotionControl(actions, version),
    h('div', { class: 'version-grid' },
      h('div', {},
        h('h4', {}, 'Metrics'),
        version.metrics.length
          ? h('table', { class: 'table metrics' },
            h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Metric'), h('th', { scope: 'col' }, 'Value'), h('th', { scope: 'col' }, 'Measured on'))),
            h('tbody', {}, version.metrics.map((m) => h('tr', {},
              h('th', { scope: 'row' }, m.name.toUpperCase() === 'AUC' ? 'AUC' : m.name),
              h('td', { class: 'numeric' }, number(m.value)),
              h('td', {}, m.dataset ? `${m.dataset.dataset.name} ${m.dataset.version}` : (m.split ?? '—'))))))
          : h('p', { class: 'muted' }, 'No metrics recorded.')),
      h('div', {},
        h('h4', {}, 'Hyperparameters'),
        hyper.length
          ? h('dl', { class: 'pairs' }, hyper.map(([k, v]) => h('div', {}, h('dt', {}, k), h('dd', {}, h('code', {}, typeof v === 'object' ? JSON.stringify(v) : String(v))))))
          : h('p', { class: 'muted' }, 'None recorded.'))),
    h('div', { class: 'version-grid' },
      h('div', {},
        h('h4', {}, 'Trained on'),
        version.trainedOn.length
          ? h('ul', { class: 'plain datasets' }, version.trainedOn.map((d) => h('li', {}, h('strong', {}, d.dataset.name), ` ${d.version}`,
            d.rowCount !== null ? h('span', { class: 'muted' }, ` · ${Number(d.rowCount).toLocaleString('en-GB')} rows`) : null)))
          : h('p', { class: 'muted' }, 'No training data recorded.')),
      h('div', {},
        h('h4', {}, 'Code and framework'),
        h('dl', { class: 'pairs' },
          field('Commit', version.sourceCode ? h('code', {}, version.sourceCode.commit) : 'Not recorded'),
          version.sourceCode ? field('Repository', h('code', {}, version.sourceCode.repository + (version.sourceCode.path ? `/${version.sourceCode.path}` : ''))) : null,
          field('Framework', version.framework || '—'),
          field('Created', [when(version.createdAt), ` by ${version.createdBy}`])))),
    h('h4', {}, 'Artifacts'),
    version.artifacts.length
      ? h('ul', { class: 'plain artifacts' }, version.artifacts.map((a) => h('li', {},
        h('a', { href: a.downloadUrl, download: a.name }, `Download ${a.name}`),
        h('span', { class: 'muted' }, ` · ${bytes(a.sizeBytes)}${a.contentType ? ` · ${a.contentType}` : ''}`))))
      : h('p', { class: 'muted' }, 'No files uploaded for this version.'));
}

function timeline(versions, aliasEvents) {
  const entries = [
    ...versions.flatMap((v) => v.stageHistory.map((t) => ({
      at: t.at, by: t.by, reason: t.reason,
      what: [`Version ${v.number}: `, t.from ? `${words(t.from)} → ` : 'created in ', words(t.to)],
    }))),
    ...aliasEvents.map((e) => ({
      at: e.occurredAt, by: e.actor, reason: e.reason,
      what: aliasText(e),
    })),
  ].sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0));
  if (!entries.length) return state('empty', 'No stage or alias changes yet.');
  return h('ol', { class: 'timeline' }, entries.map((e) => h('li', {},
    h('p', { class: 'timeline-what' }, e.what),
    h('p', { class: 'timeline-meta' }, when(e.at), ` by ${e.by}`),
    e.reason ? h('p', { class: 'timeline-why' }, `“${e.reason}”`) : null)));
}

function aliasText(event) {
  const alias = event.payload?.alias ?? event.payload?.name ?? 'alias';
  const version = event.payload?.version != null ? ` → version ${event.payload.version}` : '';
  return event.type === 'ALIAS_SET' ? [`Alias `, h('span', { class: 'alias' }, alias), ` set${version}`] : [`Alias `, h('span', { class: 'alias' }, alias), ' removed'];
}

function deployments(versions, alerts) {
  const rows = versions.flatMap((v) => v.deployments.map((d) => ({ ...d, number: v.number })));
  const alertList = alerts.nodes.length
    ? [h('h3', {}, `Open drift alerts (${alerts.totalCount})`),
      h('ul', { class: 'plain alerts' }, alerts.nodes.map((a) => h('li', { class: 'alert' },
        badge('alert', a.status), ' ',
        h('strong', {}, a.feature), ` ${a.metric} ${number(a.value)} over threshold ${number(a.threshold)} · version ${a.modelVersion.number} in ${a.deployment.environment} · `,
        when(a.detectedAt),
        a.consumers.length ? h('span', { class: 'muted' }, ` · consumers: ${a.consumers.join(', ')}`) : null)))]
    : h('p', { class: 'muted' }, 'No open drift alerts.');
  if (!rows.length) return [state('empty', 'No version of this model is deployed.'), alertList];
  return [
    h('div', { class: 'table-scroll' }, h('table', { class: 'table' },
      h('thead', {}, h('tr', {}, ['Environment', 'Version', 'Endpoint', 'Status', 'Traffic', 'Consumers', 'Drift'].map((c) => h('th', { scope: 'col' }, c)))),
      h('tbody', {}, rows.map((d) => h('tr', {},
        h('th', { scope: 'row' }, d.environment, d.platform ? h('span', { class: 'muted' }, ` (${d.platform})`) : null,
          ' ', h('a', { href: lineageHref({ root: d.id }), 'data-nav': true, 'aria-label': `Lineage of the ${d.environment} deployment of version ${d.number}` }, 'Lineage')),
        h('td', {}, `v${d.number}`),
        h('td', {}, d.endpoint ? h('code', {}, d.endpoint) : '—'),
        h('td', {}, badge('status', d.status), d.compliant ? null : h('span', { class: 'form-error', title: d.complianceIssue ?? '' }, ' Non-compliant')),
        h('td', { class: 'numeric' }, d.trafficPercent === null ? '—' : `${d.trafficPercent}%`),
        h('td', {}, d.consumers.length ? d.consumers.map((c, i) => [i ? ', ' : '', link(consumerHref(c.id), c.name)]) : '—'),
        h('td', {}, badge('drift', d.driftStatus))))))),
    alertList,
  ];
}

function promotions(requests, actions) {
  if (!requests.nodes.length) return state('empty', 'No promotion requests for this model.');
  return h('ul', { class: 'plain requests' }, requests.nodes.map((r) => h('li', { class: 'request' },
    h('div', { class: 'request-head' },
      h('strong', {}, `Version ${r.modelVersion.number} → ${words(r.targetStage)}`), ' ', badge('request', r.status)),
    h('p', { class: 'timeline-meta' }, 'Requested by ', r.requestedBy, ' on ', when(r.requestedAt)),
    r.reason ? h('p', { class: 'timeline-why' }, `“${r.reason}”`) : null,
    r.approvals.length
      ? h('ul', { class: 'plain approvals', 'aria-label': 'Decisions' }, r.approvals.map((a) => h('li', {},
        a.approved ? '✓ Approved by ' : '✗ Rejected by ', h('strong', {}, a.by), ' on ', when(a.at), a.comment ? `: “${a.comment}”` : '')))
      : h('p', { class: 'muted' }, r.status === 'PENDING' ? 'Waiting for approvals.' : 'No approvals recorded.'),
    decisionControl(actions, r))));
}
