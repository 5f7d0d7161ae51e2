// A layered left-to-right layout for large lineage pictures, in time linear in the graph (times a few sweeps): each
// node's column is its longest path from a source, each column is ordered by the mean position of its neighbours in
// the column before (then after), and columns are stacked and centred. dagre draws smaller pictures better (it
// minimises crossings and straightens long edges), but its ordering and positioning grow much faster than the graph,
// which on a 500-node lineage is most of the time to a usable picture.

/**
 * Positions for `nodes` ({ id, width }) joined by `edges` ({ source, target }): a Map from id to { x, y }, the centre
 * of each node. Edges that would close a cycle are ignored for the columns.
 */
export function layeredPositions(nodes, edges, { rankSep = 70, nodeSep = 24, height = 56 } = {}) {
  const ids = nodes.map((n) => n.id);
  const width = new Map(nodes.map((n) => [n.id, n.width]));
  const into = new Map(ids.map((id) => [id, []]));
  const out = new Map(ids.map((id) => [id, []]));
  for (const e of edges) {
    if (!into.has(e.target) || !out.has(e.source) || e.source === e.target) continue;
    into.get(e.target).push(e.source);
    out.get(e.source).push(e.target);
  }

  // Columns: longest path from a source, over a topological order (Kahn); nodes on a cycle keep the column reached.
  const rank = new Map(ids.map((id) => [id, 0]));
  const waiting = new Map(ids.map((id) => [id, into.get(id).length]));
  const queue = ids.filter((id) => waiting.get(id) === 0);
  for (let i = 0; i < queue.length; i += 1) {
    const id = queue[i];
    for (const next of out.get(id)) {
      rank.set(next, Math.max(rank.get(next), rank.get(id) + 1));
      waiting.set(next, waiting.get(next) - 1);
      if (waiting.get(next) === 0) queue.push(next);
    }
  }

  // First order: depth first from the sources, so each subtree starts together.
  const columns = [];
  const seen = new Set();
  const visit = (start) => {
    const stack = [start];
    while (stack.length) {
      const id = stack.pop();
      if (seen.has(id)) continue;
      seen.add(id);
      (columns[rank.get(id)] ??= []).push(id);
      const children = out.get(id);
      for (let c = children.length - 1; c >= 0; c -= 1) if (!seen.has(children[c])) stack.push(children[c]);
    }
  };
  for (const id of ids) if (into.get(id).length === 0) visit(id);
  for (const id of ids) visit(id);
  for (let r = 0; r < columns.length; r += 1) columns[r] ??= [];

  // Barycentre sweeps: right by predecessors, then left by successors, twice.
  const index = new Map();
  const number = () => columns.forEach((column) => column.forEach((id, i) => index.set(id, i)));
  number();
  const sortBy = (column, neighbours) => {
    const key = new Map(column.map((id, i) => {
      const near = neighbours.get(id).filter((n) => index.has(n));
      return [id, near.length ? near.reduce((sum, n) => sum + index.get(n), 0) / near.length : i];
    }));
    column.sort((a, b) => key.get(a) - key.get(b) || index.get(a) - index.get(b));
    column.forEach((id, i) => index.set(id, i));
  };
  for (let sweep = 0; sweep < 2; sweep += 1) {
    for (let r = 1; r < columns.length; r += 1) sortBy(columns[r], into);
    for (let r = columns.length - 2; r >= 0; r -= 1) sortBy(columns[r], out);
  }

  // Coordinates: columns left to right, each as wide as its widest node; nodes stacked and centred on y = 0.
  const positions = new Map();
  let left = 0;
  for (const column of columns) {
    const columnWidth = Math.max(0, ...column.map((id) => width.get(id)));
    const tall = column.length * height + Math.max(0, column.length - 1) * nodeSep;
    column.forEach((id, i) => positions.set(id, { x: left + columnWidth / 2, y: -tall / 2 + height / 2 + i * (height + nodeSep) }));
    left += columnWidth + rankSep;
  }
  return positions;
}
