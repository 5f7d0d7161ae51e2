// The page of a consumer application: which deployments it reads, the model versions behind them, their drift, and the
// open drift alerts that reach it. It answers the MLOps engineer's question from the other side: "what does this
// application depend on, and is any of it drifting?"
import { AuthenticationError, query } from './graphql.js';
import { badge, h, link, number, replace, state, when, words } from './dom.js';
import { lineageHref } from './lineage-address.js';

const CONSUMER = `
  query ConsumerPage($id: ID!) {
    node(id: $id) {
      __typename
      ... on ConsumerApplication {
        id name owner
        deployments(first: 100) {
          id environment endpoint platform status trafficPercent driftStatus deployedAt compliant complianceIssue
          modelVersion { id number stage model { name displayName owner } }
        }
      }
    }
  }`;

const ALERTS = `
  query ConsumerAlerts($deployments: [ID!]!) {
    driftAlerts(first: 50, where: { deploymentId: { in: $deployments }, status: { in: [OPEN, ACKNOWLEDGED] } }) {
      totalCount
      nodes { id feature metric value threshold status detectedAt modelVersion { number model { name } } deployment { environment } }
    }
  }`;

/** Renders the consumer application `id` into `context.main`. */
export function renderConsumer(context, id) {
  document.title = 'Consumer application · Model Registry';
  const page = h('div', { class: 'consumer-page' }, state('loading', 'Loading the consumer application…'));
  replace(context.main, page);
  let left = false;
  (async () => {
    const data = await query(CONSUMER, { id }, { partial: true });
    const consumer = data.data?.node?.__typename === 'ConsumerApplication' ? data.data.node : null;
    if (!consumer) return null;
    const ids = consumer.deployments.map((d) => d.id);
    const alerts = ids.length ? (await query(ALERTS, { deployments: ids })).driftAlerts : { totalCount: 0, nodes: [] };
    return { consumer, alerts };
  })().then((answer) => {
    if (left) return;
    if (!answer) {
      replace(page, h('section', { class: 'card' }, h('h1', {}, 'Consumer application not found'),
        h('p', {}, 'There is no consumer application at this address that you can see.'), link('/', 'Search the catalogue')));
      return;
    }
    document.title = `${answer.consumer.name} · Model Registry`;
    replace(page, ...consumerSections(answer.consumer, answer.alerts));
  }, (error) => {
    if (left) return;
    if (error instanceof AuthenticationError) context.onAuthenticationError(error);
    else replace(page, state('error', `The consumer application could not be loaded. ${error.message}`));
  });
  return () => {
    left = true;
  };
}

function consumerSections(consumer, alerts) {
  const drifting = consumer.deployments.filter((d) => d.driftStatus === 'DRIFTING' || d.driftStatus === 'WARNING');
  return [
    h('header', { class: 'model-header' },
      h('p', { class: 'crumbs' }, link('/', 'Catalogue'), ' / ', h('span', {}, 'Consumer applications'), ' / ', h('span', {}, consumer.name)),
      h('h1', {}, consumer.name),
      h('p', { class: 'result-name' }, 'Consumer application · ', consumer.owner ? ['owned by ', h('strong', {}, consumer.owner)] : 'owner not recorded'),
      h('p', { class: 'lead', id: 'consumer-summary' }, summary(consumer, drifting)),
      h('div', { class: 'actions' },
        h('a', { href: lineageHref({ root: consumer.id, direction: 'UPSTREAM' }), 'data-nav': true, class: 'button button-quiet' },
          'Lineage: what it depends on'))),
    h('section', { class: 'card', id: 'consumer-deployments', 'aria-labelledby': 'consumer-deployments-title' },
      h('h2', { id: 'consumer-deployments-title' }, `Deployments it reads (${consumer.deployments.length})`),
      consumer.deployments.length
        ? h('div', { class: 'table-scroll' }, h('table', { class: 'table' },
          h('thead', {}, h('tr', {}, ['Model version', 'Environment', 'Endpoint', 'Status', 'Traffic', 'Drift', 'Deployed'].map((c) => h('th', { scope: 'col' }, c)))),
          h('tbody', {}, consumer.deployments.map((d) => h('tr', {},
            h('th', { scope: 'row' },
              link(`/ui/models/${encodeURIComponent(d.modelVersion.model.name)}#version-${d.modelVersion.number}`,
                `${d.modelVersion.model.displayName || d.modelVersion.model.name} v${d.modelVersion.number}`),
              ' ', badge('stage', d.modelVersion.stage),
              h('span', { class: 'muted' }, ` · ${d.modelVersion.model.owner}`)),
            h('td', {}, d.environment, d.platform ? h('span', { class: 'muted' }, ` (${d.platform})`) : null),
            h('td', {}, d.endpoint ? h('code', {}, d.endpoint) : '—'),
            h('td', {}, badge('status', d.status), d.compliant ? null : h('span', { class: 'form-error', title: d.complianceIssue ?? '' }, ' Non-compliant')),
            h('td', { class: 'numeric' }, d.trafficPercent === null ? '—' : `${d.trafficPercent}%`),
            h('td', {}, badge('drift', d.driftStatus)),
            h('td', {}, when(d.deployedAt)))))))
        : state('empty', 'This application reads no deployment you can see.')),
    h('section', { class: 'card', id: 'consumer-alerts', 'aria-labelledby': 'consumer-alerts-title' },
      h('h2', { id: 'consumer-alerts-title' }, `Open drift alerts (${alerts.totalCount})`),
      alerts.nodes.length
        ? h('ul', { class: 'plain alerts' }, alerts.nodes.map((a) => h('li', { class: 'alert' },
          badge('alert', a.status), ' ', h('strong', {}, a.feature),
          ` ${a.metric} ${number(a.value)} over threshold ${number(a.threshold)} · ${a.modelVersion.model.name} v${a.modelVersion.number} in ${a.deployment.environment} · `,
          when(a.detectedAt))))
        : h('p', { class: 'muted' }, 'No open drift alerts on what this application reads.')),
  ];
}

function summary(consumer, drifting) {
  if (!consumer.deployments.length) return 'It reads no deployment you can see.';
  const count = `It reads ${consumer.deployments.length} ${consumer.deployments.length === 1 ? 'deployment' : 'deployments'}`;
  if (!drifting.length) return `${count}; none of them drifts.`;
  return `${count}; ${drifting.length} of them ${drifting.length === 1 ? 'is' : 'are'} ${drifting.map((d) => `${words(d.driftStatus).toLowerCase()} (${d.modelVersion.model.name} in ${d.environment})`).join(', ')}.`;
}
