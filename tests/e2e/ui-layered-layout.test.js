'use strict';

// The linear layered layout the lineage page uses for large pictures (src/ModelRegistry.Api/ui/src/layered-layout.js):
// every edge points right, nodes of a column never overlap, and a tree is drawn without crossing edges.

const { test } = require('node:test');
const assert = require('node:assert/strict');
const path = require('node:path');
const { pathToFileURL } = require('node:url');
const { repositoryRoot } = require('./support/server');

const load = () => import(pathToFileURL(path.join(repositoryRoot, 'src', 'ModelRegistry.Api', 'ui', 'src', 'layered-layout.js')).href);

/** A lineage-shaped tree: datasets → root → deployments → consumers, and tuned versions with their own deployments. */
function tree() {
  const nodes = [];
  const edges = [];
  const add = (id, width = 200) => { nodes.push({ id, width }); return id; };
  const link = (source, target) => edges.push({ source, target });
  const root = add('root');
  for (let d = 0; d < 3; d += 1) link(add(`dataset-${d}`, 170), root);
  for (let t = 0; t < 6; t += 1) {
    const tuned = add(`tuned-${t}`);
    link(root, tuned);
    for (let p = 0; p < 3; p += 1) {
      const deployment = add(`deployment-${t}-${p}`, 230);
      link(tuned, deployment);
      for (let c = 0; c < 4; c += 1) link(deployment, add(`consumer-${t}-${p}-${c}`, 210));
    }
  }
  // Shuffle the input order, so the layout cannot lean on it.
  nodes.reverse();
  edges.reverse();
  return { nodes, edges };
}

test('every edge points to a column further right, and columns hold the longest path from a source', async () => {
  const { layeredPositions } = await load();
  const { nodes, edges } = tree();
  const at = layeredPositions(nodes, edges);
  assert.equal(at.size, nodes.length);
  for (const e of edges) assert.ok(at.get(e.target).x > at.get(e.source).x, `${e.source} → ${e.target} does not point right`);
  const columns = new Set(nodes.map((n) => at.get(n.id).x));
  assert.equal(columns.size, 5, 'datasets, root, tuned versions, deployments and consumers make five columns');
  assert.ok(at.get('dataset-0').x < at.get('root').x && at.get('root').x < at.get('tuned-0').x);
});

test('nodes of one column do not overlap', async () => {
  const { layeredPositions } = await load();
  const { nodes, edges } = tree();
  const at = layeredPositions(nodes, edges, { nodeSep: 24, height: 56 });
  const byColumn = new Map();
  for (const n of nodes) {
    const p = at.get(n.id);
    byColumn.set(p.x, [...(byColumn.get(p.x) ?? []), p.y]);
  }
  for (const ys of byColumn.values()) {
    ys.sort((a, b) => a - b);
    for (let i = 1; i < ys.length; i += 1) assert.ok(ys[i] - ys[i - 1] >= 56 + 24, 'two nodes of a column overlap');
  }
});

test('a tree is drawn without crossing edges', async () => {
  const { layeredPositions } = await load();
  const { nodes, edges } = tree();
  const at = layeredPositions(nodes, edges);
  let crossings = 0;
  for (let i = 0; i < edges.length; i += 1) {
    for (let j = i + 1; j < edges.length; j += 1) {
      const [a, b] = [edges[i], edges[j]];
      if (at.get(a.source).x !== at.get(b.source).x || at.get(a.target).x !== at.get(b.target).x) continue;
      const s = at.get(a.source).y - at.get(b.source).y;
      const t = at.get(a.target).y - at.get(b.target).y;
      if (s * t < 0) crossings += 1;
    }
  }
  assert.equal(crossings, 0);
});

test('a cycle does not stop the layout', async () => {
  const { layeredPositions } = await load();
  const at = layeredPositions([{ id: 'a', width: 100 }, { id: 'b', width: 100 }, { id: 'c', width: 100 }],
    [{ source: 'a', target: 'b' }, { source: 'b', target: 'c' }, { source: 'c', target: 'b' }]);
  assert.equal(at.size, 3);
  for (const p of at.values()) assert.ok(Number.isFinite(p.x) && Number.isFinite(p.y));
});
