// The catalogue: a search box over `search(text:)`, facets over the `where` filters of `models`, tabs for models,
// datasets and deployments, and cursor paging. The address holds the whole state, so a search is a shareable link.
import { AuthenticationError, query } from './graphql.js';
import { badge, h, link, number, replace, state, words } from './dom.js';

const pageSize = 20;
const tasks = ['CLASSIFICATION', 'REGRESSION', 'RANKING', 'FORECASTING', 'CLUSTERING', 'GENERATION', 'EMBEDDING', 'OTHER'];
const stages = ['DEVELOPMENT', 'STAGING', 'PRODUCTION', 'ARCHIVED'];
const kinds = [
  { key: 'models', label: 'Models', type: 'MODEL' },
  { key: 'datasets', label: 'Datasets', type: 'DATASET' },
  { key: 'deployments', label: 'Deployments', type: 'DEPLOYMENT' },
];
const sorts = {
  name: { label: 'Name', order: [{ name: 'ASC' }] },
  updated: { label: 'Recently changed', order: [{ updatedAt: 'DESC' }] },
  created: { label: 'Newest', order: [{ createdAt: 'DESC' }] },
};
const facetNames = ['task', 'owner', 'stage', 'tag', 'drift'];

const modelFields = `
  id name displayName description businessContext task owner tags
  latestVersion { number stage driftStatus metrics { name value split } }`;
const datasetFields = `id name description team: owner versions(first: 1) { totalCount }`;
const deploymentFields = `
  id environment endpoint platform status trafficPercent driftStatus
  modelVersion { number model { name owner } }`;

const FACET_OPTIONS = `query CatalogueFacets { models(first: 100) { nodes { owner tags } } }`;

const SEARCH = `
  query CatalogueSearch($text: String!, $types: [SearchResultKind!], $first: Int!, $after: String) {
    results: search(text: $text, types: $types, first: $first, after: $after) {
      totalCount
      pageInfo { hasNextPage endCursor }
      nodes {
        __typename
        ... on Model { ${modelFields} }
        ... on Dataset { ${datasetFields} }
        ... on Deployment { ${deploymentFields} }
      }
    }
    models: search(text: $text, types: [MODEL], first: 1) { totalCount }
    datasets: search(text: $text, types: [DATASET], first: 1) { totalCount }
    deployments: search(text: $text, types: [DEPLOYMENT], first: 1) { totalCount }
  }`;

const MODELS = `
  query CatalogueModels($first: Int!, $after: String, $where: ModelFilterInput, $order: [ModelSortInput!]) {
    results: models(first: $first, after: $after, where: $where, order: $order) {
      totalCount
      pageInfo { hasNextPage endCursor }
      nodes { __typename ${modelFields} }
    }
  }`;

const DATASETS = `
  query CatalogueDatasets($first: Int!, $after: String) {
    results: datasets(first: $first, after: $after, order: [{ name: ASC }]) {
      totalCount
      pageInfo { hasNextPage endCursor }
      nodes { __typename ${datasetFields} }
    }
  }`;

const DEPLOYMENTS = `
  query CatalogueDeployments($first: Int!, $after: String) {
    results: deployments(first: $first, after: $after, order: [{ deployedAt: DESC }]) {
      totalCount
      pageInfo { hasNextPage endCursor }
      nodes { __typename ${deploymentFields} }
    }
  }`;

const MODELS_IN_STAGE = `
  query ModelsInStage($stage: ModelStage!) {
    modelVersions(first: 100, where: { stage: { eq: $stage } }) { nodes { model { id } } }
  }`;

const MODELS_WITH_OPEN_ALERTS = `
  query ModelsWithOpenDriftAlerts {
    driftAlerts(first: 100, where: { status: { in: [OPEN, ACKNOWLEDGED] } }) { nodes { modelVersion { model { id } } } }
  }`;

const MODELS_AMONG = `
  query CatalogueFilter($where: ModelFilterInput) { models(first: 100, where: $where) { nodes { id } } }`;

/** Reads the catalogue's state from the address. */
function readState(params) {
  const kind = kinds.some((k) => k.key === params.get('kind')) ? params.get('kind') : 'models';
  const sort = sorts[params.get('sort')] ? params.get('sort') : 'name';
  const facets = Object.fromEntries(facetNames.map((name) => [name, params.get(name) ?? '']));
  return { text: (params.get('q') ?? '').trim(), kind, sort, facets, after: params.get('after') || null };
}

/** The address of a state; empty values are left out so links stay short. */
function addressOf(s) {
  const params = new URLSearchParams();
  if (s.text) params.set('q', s.text);
  if (s.kind !== 'models') params.set('kind', s.kind);
  for (const name of facetNames) if (s.facets[name]) params.set(name, s.facets[name]);
  if (s.sort !== 'name') params.set('sort', s.sort);
  if (s.after) params.set('after', s.after);
  const search = params.toString();
  return search ? `/ui/search?${search}` : '/';
}

/** The `where` of the facets, asking the registry for the model IDs that the stage and drift facets select. */
async function facetFilter(facets) {
  const clauses = [];
  if (facets.task) clauses.push({ task: { eq: facets.task } });
  if (facets.owner) clauses.push({ owner: { eq: facets.owner } });
  if (facets.tag) clauses.push({ tags: { some: { eq: facets.tag } } });
  if (facets.stage) {
    const data = await query(MODELS_IN_STAGE, { stage: facets.stage });
    clauses.push({ id: { in: [...new Set(data.modelVersions.nodes.map((v) => v.model.id))] } });
  }
  if (facets.drift) {
    const data = await query(MODELS_WITH_OPEN_ALERTS);
    const ids = [...new Set(data.driftAlerts.nodes.map((a) => a.modelVersion.model.id))];
    clauses.push(facets.drift === 'alerts' ? { id: { in: ids } } : { id: { nin: ids } });
  }
  return clauses.length ? { and: clauses } : null;
}

/** Renders the catalogue into `context.main`. */
export function renderSearch(context, params) {
  const s = readState(params);
  document.title = s.text ? `“${s.text}” · Model Registry` : 'Catalogue · Model Registry';
  const go = (changes) => context.navigate(addressOf({ ...s, after: null, ...changes }));

  const searchInput = h('input', { id: 'search-text', type: 'search', name: 'q', value: s.text, placeholder: 'e.g. toxicity, fraud, tox21',
    autocomplete: 'off', maxlength: 256 });
  const searchForm = h('form', { class: 'search-bar', role: 'search', 'aria-label': 'Search the registry' },
    h('label', { for: 'search-text', class: 'search-label' }, 'Search models, datasets and deployments'),
    h('div', { class: 'search-row' }, searchInput, h('button', { type: 'submit', class: 'button' }, 'Search')));
  searchForm.addEventListener('submit', (event) => {
    event.preventDefault();
    go({ text: searchInput.value.trim() });
  });

  const facetsPanel = h('form', { class: 'facets card', 'aria-label': 'Filters' }, h('h2', {}, 'Filters'), state('loading', 'Loading filters…'));
  const tabs = h('nav', { class: 'tabs', 'aria-label': 'Result types' });
  const results = h('section', { class: 'results', 'aria-live': 'polite', 'aria-busy': 'true' }, state('loading', 'Searching the registry…'));

  replace(context.main,
    h('section', { class: 'hero' },
      h('h1', {}, 'Find a model to reuse'),
      h('p', { class: 'lead' }, 'Every model, dataset and deployment in this registry, with its stage, metrics and owning team.'),
      searchForm),
    h('div', { class: 'catalogue' }, facetsPanel, h('div', { class: 'catalogue-main' }, tabs, results)));

  let left = false;
  const fail = (error) => {
    if (left) return;
    if (error instanceof AuthenticationError) context.onAuthenticationError(error);
    else replace(results, state('error', `The results could not be loaded. ${error.message}`));
    results.setAttribute('aria-busy', 'false');
  };

  renderFacets(facetsPanel, s, go).catch(fail);
  load(s).then((answer) => {
    if (left) return;
    renderTabs(tabs, s, answer.counts, go);
    renderResults(results, s, answer, go);
    results.setAttribute('aria-busy', 'false');
  }, fail);
  return () => {
    left = true;
  };
}

async function load(s) {
  const kind = kinds.find((k) => k.key === s.kind);
  const variables = { first: pageSize, after: s.after };
  const modelFilter = s.kind === 'models' ? await facetFilter(s.facets) : null;
  if (s.text) {
    const data = await query(SEARCH, { ...variables, text: s.text, types: [kind.type] });
    let nodes = data.results.nodes;
    let narrowed = false;
    if (modelFilter) {
      const ids = nodes.map((n) => n.id);
      const kept = await query(MODELS_AMONG, { where: { and: [{ id: { in: ids } }, modelFilter] } });
      const keep = new Set(kept.models.nodes.map((m) => m.id));
      nodes = nodes.filter((n) => keep.has(n.id));
      narrowed = true;
    }
    const counts = { models: data.models.totalCount, datasets: data.datasets.totalCount, deployments: data.deployments.totalCount };
    return { nodes, totalCount: data.results.totalCount, pageInfo: data.results.pageInfo, counts, narrowed };
  }
  const document = { models: MODELS, datasets: DATASETS, deployments: DEPLOYMENTS }[s.kind];
  const data = await query(document, s.kind === 'models' ? { ...variables, where: modelFilter, order: sorts[s.sort].order } : variables);
  return { nodes: data.results.nodes, totalCount: data.results.totalCount, pageInfo: data.results.pageInfo, counts: null, narrowed: false };
}

async function renderFacets(panel, s, go) {
  const data = await query(FACET_OPTIONS);
  const owners = [...new Set(data.models.nodes.map((m) => m.owner))].sort();
  const tags = [...new Set(data.models.nodes.flatMap((m) => m.tags))].sort();
  const select = (name, label, options, describe = words) => {
    const id = `facet-${name}`;
    const control = h('select', { id, name },
      h('option', { value: '' }, 'Any'),
      options.map((value) => h('option', { value, selected: s.facets[name] === value }, describe(value))));
    control.addEventListener('change', () => go({ facets: { ...s.facets, [name]: control.value } }));
    return h('div', { class: 'field' }, h('label', { for: id }, label), control);
  };
  const sortControl = h('select', { id: 'facet-sort', name: 'sort', disabled: Boolean(s.text) },
    Object.entries(sorts).map(([key, { label }]) => h('option', { value: key, selected: s.sort === key }, label)));
  sortControl.addEventListener('change', () => go({ sort: sortControl.value }));
  const active = facetNames.some((name) => s.facets[name]);
  replace(panel,
    h('h2', {}, 'Filters'),
    s.kind !== 'models' ? h('p', { class: 'hint' }, 'Filters apply to models.') : null,
    select('task', 'Task', tasks),
    select('owner', 'Owner (team)', owners, (v) => v),
    select('stage', 'Has a version in stage', stages),
    select('tag', 'Tag', tags, (v) => v),
    select('drift', 'Drift status', ['alerts', 'clear'], (v) => (v === 'alerts' ? 'Open drift alerts' : 'No open drift alerts')),
    h('div', { class: 'field' }, h('label', { for: 'facet-sort' }, 'Sort models by'), sortControl,
      s.text ? h('p', { class: 'hint' }, 'Search results come best match first.') : null),
    active ? h('button', { type: 'button', class: 'button button-quiet', onclick: () => go({ facets: {} }) }, 'Clear filters') : null);
  for (const control of panel.querySelectorAll('select')) control.disabled ||= s.kind !== 'models' && control.id !== 'facet-sort';
}

function renderTabs(tabs, s, counts, go) {
  replace(tabs, h('ul', {}, kinds.map((k) => {
    const current = k.key === s.kind;
    const count = counts ? ` (${counts[k.key]})` : '';
    return h('li', {}, h('a', { href: addressOf({ ...s, kind: k.key, after: null }), 'data-nav': true, class: current ? 'tab tab-current' : 'tab',
      'aria-current': current ? 'page' : false }, k.label + count));
  })));
  void go;
}

function renderResults(section, s, answer, go) {
  const label = kinds.find((k) => k.key === s.kind).label.toLowerCase();
  if (answer.nodes.length === 0) {
    const message = s.text
      ? `No ${label} match “${s.text}”${answer.narrowed ? ' with these filters' : ''}. Try fewer or different words.`
      : `No ${label} match these filters.`;
    replace(section, state('empty', message));
    return;
  }
  const noun = answer.totalCount === 1 ? label.replace(/s$/, '') : label;
  const summary = s.text
    ? `${answer.totalCount} ${noun} ${answer.totalCount === 1 ? 'matches' : 'match'} “${s.text}”${answer.narrowed ? `; ${answer.nodes.length} on this page pass the filters` : ''}.`
    : `${answer.totalCount} ${noun}.`;
  const render = { Model: modelItem, Dataset: datasetItem, Deployment: deploymentItem };
  replace(section,
    h('p', { class: 'result-count' }, summary),
    h('ol', { class: 'result-list' }, answer.nodes.map((node) => h('li', {}, render[node.__typename]?.(node)))),
    h('nav', { class: 'pager', 'aria-label': 'Pages' },
      s.after ? h('a', { href: addressOf({ ...s, after: null }), 'data-nav': true, class: 'button button-quiet' }, 'First page') : null,
      answer.pageInfo.hasNextPage
        ? h('a', { href: addressOf({ ...s, after: answer.pageInfo.endCursor }), 'data-nav': true, class: 'button button-quiet' }, 'Next page')
        : null));
  void go;
}

/** The metric a model is known by: AUC when it has one, else its first. */
function headline(metrics) {
  if (!metrics?.length) return null;
  return metrics.find((m) => m.name.toLowerCase() === 'auc') ?? metrics[0];
}

function modelItem(model) {
  const latest = model.latestVersion;
  const metric = headline(latest?.metrics);
  return h('article', { class: 'result result-model' },
    h('div', { class: 'result-head' },
      h('h3', {}, link(`/ui/models/${encodeURIComponent(model.name)}`, model.displayName || model.name)),
      h('span', { class: 'kind' }, 'Model')),
    h('p', { class: 'result-name' }, h('code', {}, model.name), ' · ', words(model.task), ' · owned by ', h('strong', {}, model.owner)),
    (model.description || model.businessContext) ? h('p', { class: 'result-text' }, model.description || model.businessContext) : null,
    h('dl', { class: 'facts' },
      h('div', {}, h('dt', {}, 'Latest version'), h('dd', {}, latest ? [`v${latest.number} `, badge('stage', latest.stage)] : 'No versions yet')),
      h('div', {}, h('dt', {}, 'Headline metric'), h('dd', {}, metric ? `${metric.name} ${number(metric.value)}` : '—')),
      h('div', {}, h('dt', {}, 'Drift'), h('dd', {}, latest ? badge('drift', latest.driftStatus) : '—'))),
    model.tags.length ? h('ul', { class: 'tags', 'aria-label': 'Tags' }, model.tags.map((t) => h('li', {}, t))) : null);
}

function datasetItem(dataset) {
  const count = dataset.versions.totalCount;
  return h('article', { class: 'result result-dataset' },
    h('div', { class: 'result-head' }, h('h3', {}, dataset.name), h('span', { class: 'kind' }, 'Dataset')),
    dataset.description ? h('p', { class: 'result-text' }, dataset.description) : null,
    h('p', { class: 'result-name' }, dataset.team ? ['Owned by ', h('strong', {}, dataset.team), ' · '] : null,
      `${count} version${count === 1 ? '' : 's'}`));
}

function deploymentItem(deployment) {
  const version = deployment.modelVersion;
  return h('article', { class: 'result result-deployment' },
    h('div', { class: 'result-head' },
      h('h3', {}, link(`/ui/models/${encodeURIComponent(version.model.name)}`, `${version.model.name} v${version.number}`), ` in ${deployment.environment}`),
      h('span', { class: 'kind' }, 'Deployment')),
    h('p', { class: 'result-name' }, deployment.endpoint ? h('code', {}, deployment.endpoint) : 'No endpoint recorded',
      deployment.platform ? ` · ${deployment.platform}` : null, ' · owned by ', h('strong', {}, version.model.owner)),
    h('dl', { class: 'facts' },
      h('div', {}, h('dt', {}, 'Status'), h('dd', {}, badge('status', deployment.status))),
      h('div', {}, h('dt', {}, 'Traffic'), h('dd', {}, deployment.trafficPercent === null ? '—' : `${deployment.trafficPercent}%`)),
      h('div', {}, h('dt', {}, 'Drift'), h('dd', {}, badge('drift', deployment.driftStatus)))));
}
