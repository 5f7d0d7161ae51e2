// The lineage picture: `lineage(...)` around a model version, dataset version, deployment or consumer application, laid
// out left to right (data flows from the left) by cytoscape with the dagre layout (a linear layered one for large pictures). Node kinds differ in shape and colour,
// edges carry their relation, and what the viewer may not read or what the answer left out is said in words.
// The picture is drawn on a canvas; beside it a table lists the same nodes with links, for keyboards and screen readers.
// The graph the page drew is kept in `window.__lineage` (nodes, edges, hiddenNodes, truncated) for tests and tooling.
import cytoscape from 'cytoscape';
import dagre from 'cytoscape-dagre';
import { AuthenticationError, query } from './graphql.js';
import { h, link, replace, state, when, words } from './dom.js';
import { DIRECTIONS, RELATIONS, consumerHref, lineageHref, lineageSettings } from './lineage-address.js';
import { layeredPositions } from './layered-layout.js';

cytoscape.use(dagre);


const LINEAGE = `
  query LineagePicture($root: ID!, $direction: LineageDirection, $depth: Int, $relations: [LineageRelation!], $asOf: DateTime) {
    lineage(nodeId: $root, direction: $direction, depth: $depth, relations: $relations, asOf: $asOf) {
      hiddenNodes
      truncated
      root { ...LineagePictureNode }
      nodes { ...LineagePictureNode }
      edges {
        id relation validFrom
        source { ...LineagePictureEnd }
        target { ...LineagePictureEnd }
      }
    }
  }
  fragment LineagePictureNode on LineageNode {
    __typename
    ... on ModelVersion { id number stage aliases driftStatus model { name displayName } }
    ... on DatasetVersion { id version rowCount dataset { name } }
    ... on Deployment { id environment status trafficPercent driftStatus deployedAt modelVersion { number model { name } } }
    ... on ConsumerApplication { id name owner }
  }
  fragment LineagePictureEnd on LineageNode {
    ... on ModelVersion { id }
    ... on DatasetVersion { id }
    ... on Deployment { id }
    ... on ConsumerApplication { id }
  }`;

/** The kinds of node: the word for them, and the shape and colours that tell them apart (also used by the legend). */
const KINDS = {
  ModelVersion: { word: 'Model version', shape: 'round-rectangle', fill: '#dce8fb', border: '#1f5fbf', width: 160 },
  DatasetVersion: { word: 'Dataset version', shape: 'barrel', fill: '#dff3e4', border: '#1d7a3a', width: 160 },
  Deployment: { word: 'Deployment', shape: 'hexagon', fill: '#fdebd3', border: '#a85a00', width: 210 },
  ConsumerApplication: { word: 'Consumer application', shape: 'ellipse', fill: '#ece6f8', border: '#5b3a9e', width: 210 },
};

/** Renders the lineage page into `context.main`; returns the function that tears the picture down. */
export function renderLineage(context, params) {
  document.title = 'Lineage · Model Registry';
  const settings = lineageSettings(params);
  let left = false;
  let cy = null;
  if (!settings.root) {
    replace(context.main, h('section', { class: 'card' }, h('h1', {}, 'Lineage'),
      h('p', {}, 'Choose what to draw the lineage of: open a model in the catalogue and follow “Lineage” beside a version or a deployment.'),
      link('/', 'Go to the catalogue')));
    return () => {};
  }
  const heading = h('h1', { id: 'lineage-title' }, 'Lineage');
  const notes = h('div', { class: 'lineage-notes', role: 'status', 'aria-live': 'polite' });
  const canvas = h('div', { class: 'lineage-canvas', id: 'lineage-canvas', role: 'img', 'aria-label': 'Lineage graph; the same nodes are listed in the table below.' });
  const body = h('div', { class: 'lineage-body' }, state('loading', 'Loading the lineage…'));
  const exports = h('div', { class: 'actions lineage-export' });
  replace(context.main,
    h('header', { class: 'model-header' },
      h('p', { class: 'crumbs' }, link('/', 'Catalogue'), ' / ', h('span', {}, 'Lineage')),
      heading,
      h('p', { class: 'lead' }, 'Data flows from left to right: what a node was built from is on its left, what it feeds on its right. ',
        'Click a node to open its page; double-click it to centre the picture on it.')),
    controls(context, settings),
    body);

  query(LINEAGE, {
    root: settings.root, direction: settings.direction, depth: settings.depth,
    relations: settings.relations.length ? settings.relations : null, asOf: settings.asOf,
  }, { partial: true }).then(({ data, errors }) => {
    if (left) return;
    const graph = data?.lineage;
    if (!graph) {
      const notFound = errors?.some((e) => e.extensions?.code === 'NOT_FOUND');
      window.__lineage = { nodes: [], edges: [], hiddenNodes: 0, truncated: false };
      replace(body, errors?.length && !settings.asOf
        ? state(notFound ? 'empty' : 'error', notFound
          ? 'There is nothing with this ID that you can see. It may belong to a team whose models you may not read.'
          : `The lineage could not be loaded. ${errors[0].message}`)
        : state('empty', `This did not exist yet at ${settings.asOf}. Choose a later date.`));
      return;
    }
    // User-timing marks (local to the page, reported nowhere) let the benchmark split the time to a drawn picture.
    performance.mark('lineage:answer-read');
    const model = graphModel(graph);
    document.title = `Lineage of ${model.root.title} · Model Registry`;
    replace(heading, 'Lineage of ', model.root.title);
    replace(notes, ...honesty(graph, settings));
    replace(exports,
      h('button', { type: 'button', class: 'button button-quiet', onclick: () => download(`lineage-${model.root.file}.png`, cy.png({ output: 'blob', full: true, scale: 2, bg: '#ffffff' })) }, 'Export PNG'),
      h('button', { type: 'button', class: 'button button-quiet', onclick: () => download(`lineage-${model.root.file}.svg`, new Blob([toSvg(cy)], { type: 'image/svg+xml' })) }, 'Export SVG'));
    replace(body,
      notes,
      h('div', { class: 'lineage-frame' }, canvas, legend()),
      exports,
      nodeTable(context, model, settings));
    performance.mark('lineage:page-built');
    cy = draw(context, canvas, model, settings);
    performance.mark('lineage:laid-out');
    window.__lineage = {
      root: model.root.id,
      nodes: model.nodes.map(({ id, kind, title, detail, drift }) => ({ id, kind, title, detail, drift })),
      edges: model.edges.map(({ id, source, target, relation }) => ({ id, source, target, relation })),
      hiddenNodes: graph.hiddenNodes,
      truncated: graph.truncated,
      /** Where a node is drawn, in the page's CSS pixels (for a test to click it). */
      position(id) {
        const node = cy.getElementById(id);
        if (node.empty()) return null;
        const box = canvas.getBoundingClientRect();
        const at = node.renderedPosition();
        return { x: box.left + at.x, y: box.top + at.y };
      },
    };
    canvas.dataset.nodes = String(model.nodes.length);
    canvas.dataset.edges = String(model.edges.length);
    canvas.dataset.ready = 'true';
  }, (error) => {
    if (left) return;
    if (error instanceof AuthenticationError) context.onAuthenticationError(error);
    else replace(body, state('error', `The lineage could not be loaded. ${error.message}`));
  });

  return () => {
    left = true;
    cy?.destroy();
    delete window.__lineage;
  };
}

/** The controls: direction, depth, relations and a date; applying them changes the address. */
function controls(context, settings) {
  const direction = h('select', { id: 'lineage-direction', name: 'direction' },
    Object.entries(DIRECTIONS).map(([value, text]) => h('option', { value, selected: value === settings.direction }, text)));
  const depth = h('input', { id: 'lineage-depth', name: 'depth', type: 'number', min: 0, max: 10, step: 1, value: settings.depth, required: true });
  const boxes = RELATIONS.map((r) => h('input', {
    type: 'checkbox', id: `lineage-relation-${r}`, name: 'relations', value: r,
    checked: !settings.relations.length || settings.relations.includes(r),
  }));
  const asOf = h('input', { id: 'lineage-as-of', name: 'asOf', type: 'date', value: settings.asOf ? settings.asOf.slice(0, 10) : '' });
  const exact = settings.asOf && !/^\d{4}-\d{2}-\d{2}T23:59:59(\.9+)?Z$/.test(settings.asOf)
    ? h('p', { class: 'hint' }, 'Shown as at ', when(new Date(settings.asOf).toISOString()), '.') : null;
  const form = h('form', { class: 'card lineage-controls', 'aria-label': 'Lineage settings' },
    h('div', { class: 'field' }, h('label', { for: 'lineage-direction' }, 'Direction'), direction),
    h('div', { class: 'field' }, h('label', { for: 'lineage-depth' }, 'Depth (hops)'), depth),
    h('div', { class: 'field' }, h('label', { for: 'lineage-as-of' }, 'As it stood on'), asOf,
      exact ?? h('p', { class: 'hint' }, 'Empty for now; a date shows the end of that day (UTC).')),
    h('fieldset', { class: 'field lineage-relations' }, h('legend', {}, 'Relations'),
      RELATIONS.map((r, i) => h('label', { class: 'check', for: boxes[i].id }, boxes[i], ' ', words(r).toLowerCase()))),
    h('div', { class: 'field lineage-apply' }, h('button', { type: 'submit', class: 'button' }, 'Show')));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const chosen = boxes.filter((b) => b.checked).map((b) => b.value);
    const keepsExact = exact && asOf.value === settings.asOf.slice(0, 10);
    context.navigate(lineageHref({
      root: settings.root,
      direction: direction.value,
      depth: Math.max(0, Math.min(10, Number(depth.value) || 0)),
      relations: chosen.length === RELATIONS.length ? [] : chosen,
      asOf: keepsExact ? settings.asOf : (asOf.value ? `${asOf.value}T23:59:59.999Z` : null),
    }));
  });
  return form;
}

/** The answer as nodes and edges to draw, each node with its words, its page (if it has one) and its drift mark. */
function graphModel(graph) {
  const byId = new Map();
  for (const node of [graph.root, ...graph.nodes]) if (!byId.has(node.id)) byId.set(node.id, describe(node));
  const edges = graph.edges
    .filter((e) => byId.has(e.source.id) && byId.has(e.target.id))
    .map((e) => ({ id: e.id, source: e.source.id, target: e.target.id, relation: e.relation }));
  return { root: byId.get(graph.root.id), nodes: [...byId.values()], edges };
}

function describe(node) {
  const kind = node.__typename;
  const base = { id: node.id, kind, drift: null, href: null };
  switch (kind) {
    case 'ModelVersion': {
      const name = node.model.displayName || node.model.name;
      return {
        ...base,
        title: `${node.model.name} v${node.number}`, file: `${node.model.name}-v${node.number}`,
        label: `${name}\nv${node.number} · ${words(node.stage)}${node.aliases.length ? ` · ${node.aliases.join(', ')}` : ''}`,
        detail: `${words(node.stage)}${node.aliases.length ? `, aliases ${node.aliases.join(', ')}` : ''}`,
        drift: driftMark(node.driftStatus),
        href: `/ui/models/${encodeURIComponent(node.model.name)}#version-${node.number}`,
      };
    }
    case 'DatasetVersion':
      return { ...base, title: `${node.dataset.name} ${node.version}`, file: `${node.dataset.name}-${node.version}`,
        label: `${node.dataset.name}\n${node.version}`,
        detail: node.rowCount !== null ? `${Number(node.rowCount).toLocaleString('en-GB')} rows` : 'Row count not recorded' };
    case 'Deployment':
      return {
        ...base,
        title: `${node.modelVersion.model.name} v${node.modelVersion.number} in ${node.environment}`,
        file: `${node.modelVersion.model.name}-${node.environment}`,
        label: `${node.environment}\n${node.modelVersion.model.name} v${node.modelVersion.number} · ${words(node.status)}`,
        detail: `${words(node.status)}${node.trafficPercent !== null ? `, ${node.trafficPercent}% of traffic` : ''}, deployed ${new Date(node.deployedAt).toISOString().slice(0, 10)}`,
        drift: driftMark(node.driftStatus),
        href: `/ui/models/${encodeURIComponent(node.modelVersion.model.name)}#deployments`,
      };
    default:
      return { ...base, title: node.name, file: node.name, label: node.name, detail: node.owner ? `Owned by ${node.owner}` : 'Owner not recorded',
        href: consumerHref(node.id) };
  }
}

/** DRIFTING and WARNING are marked on the picture; NONE and UNKNOWN are not. */
function driftMark(status) {
  return status === 'DRIFTING' || status === 'WARNING' ? status : null;
}

/** What the picture leaves out, in words: nodes the viewer may not read, and a cut-off answer. */
function honesty(graph, settings) {
  const out = [];
  if (graph.hiddenNodes > 0) {
    out.push(h('p', { class: 'note note-hidden', id: 'lineage-hidden' },
      `${graph.hiddenNodes} ${graph.hiddenNodes === 1 ? 'node' : 'nodes'} you may not see`,
      h('span', { class: 'muted' }, ': they belong to teams whose models you may not read, and are left out with their edges.')));
  }
  if (graph.truncated) {
    out.push(h('p', { class: 'note note-truncated', id: 'lineage-truncated' },
      `Truncated at ${graph.nodes.length} nodes and ${graph.edges.length} edges`,
      h('span', { class: 'muted' }, ': more were reachable; the nearest are shown. Lower the depth or filter the relations to see the rest.')));
  }
  if (settings.asOf) out.push(h('p', { class: 'note' }, 'As it stood at ', when(new Date(settings.asOf).toISOString()), '.'));
  if (graph.nodes.length <= 1 && !graph.edges.length) {
    out.push(h('p', { class: 'note' }, 'Nothing is connected to this node with these settings.'));
  }
  return out;
}

function legend() {
  return h('div', { class: 'lineage-legend', 'aria-label': 'Legend' },
    h('h2', {}, 'Legend'),
    h('ul', { class: 'plain' },
      Object.entries(KINDS).map(([kind, k]) => h('li', {}, h('span', { class: `swatch swatch-${kind}`, 'aria-hidden': 'true' }), ' ', k.word)),
      h('li', {}, h('span', { class: 'swatch swatch-drifting', 'aria-hidden': 'true' }), ' Drifting (red dashed border)'),
      h('li', {}, h('span', { class: 'swatch swatch-warning', 'aria-hidden': 'true' }), ' Drift warning (amber dashed border)'),
      h('li', {}, h('span', { class: 'swatch swatch-root', 'aria-hidden': 'true' }), ' The centre of the picture (thick border)')));
}

/** The same nodes as the picture, with their pages and a button to centre on each: the picture for keyboards. */
function nodeTable(context, model, settings) {
  const incoming = new Map();
  for (const e of model.edges) incoming.set(e.target, [...(incoming.get(e.target) ?? []), e]);
  const names = new Map(model.nodes.map((n) => [n.id, n.title]));
  return h('section', { class: 'card', 'aria-labelledby': 'lineage-table-title' },
    h('h2', { id: 'lineage-table-title' }, `Nodes (${model.nodes.length}) and edges (${model.edges.length})`),
    h('div', { class: 'table-scroll' }, h('table', { class: 'table lineage-table' },
      h('thead', {}, h('tr', {}, ['Node', 'Kind', 'State', 'Fed by', ''].map((c) => h('th', { scope: 'col' }, c)))),
      h('tbody', {}, model.nodes.map((n) => h('tr', { 'data-node': n.id },
        h('th', { scope: 'row' }, n.href ? link(n.href, n.title) : n.title, n.id === model.root.id ? h('span', { class: 'muted' }, ' (centre)') : null),
        h('td', {}, KINDS[n.kind].word),
        h('td', {}, n.detail, n.drift ? [' ', h('span', { class: `badge badge-drift badge-drift-${n.drift.toLowerCase()}` }, words(n.drift))] : null),
        h('td', {}, (incoming.get(n.id) ?? []).map((e, i) => [i ? '; ' : '', `${names.get(e.source)} (${words(e.relation).toLowerCase()})`])),
        h('td', {}, n.id === model.root.id ? null
          : h('a', { href: lineageHref({ ...settings, root: n.id }), 'data-nav': true, 'aria-label': `Centre here on ${n.title}` }, 'Centre here'))))))));
}

function draw(context, container, model, settings) {
  // cytoscape adds a <style> element unless one with this id exists; the policy forbids inline styles, so the rule it
  // would add (position: relative on the container) lives in app.css and this marker stands in for the element.
  if (!document.getElementById('__________cytoscape_stylesheet')) {
    document.head.append(h('meta', { id: '__________cytoscape_stylesheet', name: 'cytoscape-stylesheet', content: 'in app.css' }));
  }
  const cy = cytoscape({
    container,
    elements: [
      ...model.nodes.map((n) => ({ group: 'nodes', data: { id: n.id, label: n.label, kind: n.kind, drift: n.drift ?? 'NONE', root: n.id === model.root.id ? 'yes' : 'no' } })),
      ...model.edges.map((e) => ({ group: 'edges', data: { id: e.id, source: e.source, target: e.target, label: words(e.relation).toLowerCase() } })),
    ],
    style: [
      {
        selector: 'node',
        style: {
          label: 'data(label)', 'text-wrap': 'wrap', 'text-overflow-wrap': 'anywhere', 'text-valign': 'center', 'text-halign': 'center',
          'font-size': 12, 'font-family': 'system-ui, sans-serif', color: '#1b2330', height: 56, 'border-width': 2,
          // Labels too small to read at the current zoom are not drawn (a large picture fitted to the canvas), which
          // spares the first frame most of its text; zooming in shows them.
          'min-zoomed-font-size': 7,
        },
      },
      ...Object.entries(KINDS).map(([kind, k]) => ({
        selector: `node[kind = "${kind}"]`,
        style: { shape: k.shape, 'background-color': k.fill, 'border-color': k.border, width: k.width, 'text-max-width': k.width - 24 },
      })),
      { selector: 'node[root = "yes"]', style: { 'border-width': 5, 'font-weight': 'bold' } },
      { selector: 'node[drift = "WARNING"]', style: { 'border-color': '#b7791f', 'border-style': 'dashed', 'border-width': 4 } },
      { selector: 'node[drift = "DRIFTING"]', style: { 'border-color': '#c0392b', 'border-style': 'dashed', 'border-width': 4 } },
      {
        selector: 'edge',
        style: {
          width: 1.5, 'line-color': '#8a96a8', 'target-arrow-color': '#8a96a8', 'target-arrow-shape': 'triangle', 'curve-style': 'bezier',
          label: 'data(label)', 'font-size': 10, color: '#4d5868', 'text-background-color': '#ffffff', 'text-background-opacity': 1,
          'text-background-padding': 2, 'text-rotation': 'autorotate', 'min-zoomed-font-size': 7,
        },
      },
      { selector: 'node:selected', style: { 'overlay-color': '#1f5fbf', 'overlay-opacity': 0.15 } },
    ],
    layout: layoutFor(model),
    minZoom: 0.2,
    maxZoom: 2.5,
    wheelSensitivity: 0.3,
    boxSelectionEnabled: false,
    autoungrabify: true,
  });
  fitHeight(cy, container);
  const byId = new Map(model.nodes.map((n) => [n.id, n]));
  // One tap opens the node's page, a second within the pause re-centres instead: wait before acting on a single tap.
  let pending = null;
  cy.on('tap', 'node', (event) => {
    const node = byId.get(event.target.id());
    clearTimeout(pending);
    pending = setTimeout(() => {
      context.navigate(node.href ?? lineageHref({ ...settings, root: node.id }));
    }, 320);
  });
  cy.on('dbltap', 'node', (event) => {
    clearTimeout(pending);
    context.navigate(lineageHref({ ...settings, root: event.target.id() }));
  });
  cy.on('mouseover', 'node', () => { container.classList.add('lineage-pointer'); });
  cy.on('mouseout', 'node', () => { container.classList.remove('lineage-pointer'); });
  cy.on('destroy', () => clearTimeout(pending));
  return cy;
}

/** Shrinks the canvas to the picture's proportions (between 280 and 560 pixels high), so a wide graph is not lost in space. */
/** Pictures up to this many nodes are laid out by dagre; larger ones by the linear layered layout. */
const DAGRE_LIMIT = 150;

/** dagre for a picture people read node by node; the layered layout for a large one, where dagre's time would dominate. */
function layoutFor(model) {
  if (model.nodes.length <= DAGRE_LIMIT) return { name: 'dagre', rankDir: 'LR', nodeSep: 24, rankSep: 70, edgeSep: 12, padding: 20 };
  const positions = layeredPositions(model.nodes.map((n) => ({ id: n.id, width: KINDS[n.kind].width })), model.edges);
  return { name: 'preset', positions: (node) => positions.get(node.id()), padding: 20 };
}

function fitHeight(cy, container) {
  const box = cy.elements().boundingBox();
  if (!box.w) return;
  const wanted = Math.round(Math.min(560, Math.max(280, ((container.clientWidth - 40) * box.h) / box.w + 40)));
  // Set through the CSSOM, which the Content-Security-Policy allows (it forbids style attributes in markup).
  container.style.height = `${wanted}px`;
  cy.resize();
  cy.fit(undefined, 20);
}

function download(name, blob) {
  const url = URL.createObjectURL(blob);
  const save = h('a', { href: url, download: name });
  document.body.append(save);
  save.click();
  save.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

const SVG_ESCAPES = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };
const escapeSvg = (text) => String(text).replace(/[&<>"]/g, (c) => SVG_ESCAPES[c]);

/**
 * The picture as SVG, from the laid-out positions: each node in its kind's shape and colours with its label, each edge a
 * straight arrow with its relation at the middle. Curves and label rotation of the canvas are not reproduced.
 */
export function toSvg(cy) {
  const box = cy.elements().boundingBox();
  const pad = 20;
  const parts = [];
  for (const edge of cy.edges()) {
    const a = edge.sourceEndpoint();
    const b = edge.targetEndpoint();
    parts.push(`<line x1="${a.x}" y1="${a.y}" x2="${b.x}" y2="${b.y}" stroke="#8a96a8" stroke-width="1.5" marker-end="url(#arrow)"/>`);
    const mx = (a.x + b.x) / 2;
    const my = (a.y + b.y) / 2;
    parts.push(`<text x="${mx}" y="${my - 4}" font-size="10" fill="#4d5868" text-anchor="middle" paint-order="stroke" stroke="#ffffff" stroke-width="4">${escapeSvg(edge.data('label'))}</text>`);
  }
  for (const node of cy.nodes()) {
    const { x, y } = node.position();
    const w = node.width();
    const ht = node.height();
    const kind = KINDS[node.data('kind')];
    const drift = node.data('drift');
    const stroke = drift === 'DRIFTING' ? '#c0392b' : drift === 'WARNING' ? '#b7791f' : kind.border;
    const width = drift !== 'NONE' ? 4 : node.data('root') === 'yes' ? 5 : 2;
    const paint = `fill="${kind.fill}" stroke="${stroke}" stroke-width="${width}"${drift !== 'NONE' ? ' stroke-dasharray="6 4"' : ''}`;
    if (kind.shape === 'ellipse') {
      parts.push(`<ellipse cx="${x}" cy="${y}" rx="${w / 2}" ry="${ht / 2}" ${paint}/>`);
    } else if (kind.shape === 'hexagon') {
      const points = [[-w / 2, 0], [-w / 4, -ht / 2], [w / 4, -ht / 2], [w / 2, 0], [w / 4, ht / 2], [-w / 4, ht / 2]];
      parts.push(`<polygon points="${points.map(([dx, dy]) => `${x + dx},${y + dy}`).join(' ')}" ${paint}/>`);
    } else {
      const radius = kind.shape === 'barrel' ? ht / 3 : 8;
      parts.push(`<rect x="${x - w / 2}" y="${y - ht / 2}" width="${w}" height="${ht}" rx="${radius}" ${paint}/>`);
    }
    const lines = String(node.data('label')).split('\n');
    const first = y - ((lines.length - 1) * 13) / 2 + 4;
    parts.push(`<text x="${x}" y="${first}" font-size="11" fill="#1b2330" text-anchor="middle"${node.data('root') === 'yes' ? ' font-weight="bold"' : ''}>${
      lines.map((line, i) => `<tspan x="${x}" dy="${i ? 13 : 0}">${escapeSvg(line)}</tspan>`).join('')}</text>`);
  }
  const width = box.w + pad * 2;
  const height = box.h + pad * 2;
  return `<?xml version="1.0" encoding="UTF-8"?>
<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="${box.x1 - pad} ${box.y1 - pad} ${width} ${height}" font-family="system-ui, sans-serif">
<defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="8" markerHeight="8" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#8a96a8"/></marker></defs>
<rect x="${box.x1 - pad}" y="${box.y1 - pad}" width="${width}" height="${height}" fill="#ffffff"/>
${parts.join('\n')}
</svg>
`;
}
