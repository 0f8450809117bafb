import dagre from '@dagrejs/dagre';
for (const ranker of ['network-simplex', 'tight-tree', 'longest-path']) for (const count of [100, 200, 300]) {
  const width = Math.max(10, Math.round(Math.sqrt(count)));
  const steps = [];
  for (let i = 0; i < count; i++) { const layer = Math.floor(i / width); const deps = layer === 0 ? [] : [...new Set([i - width, (i - width + 1) % width === 0 ? i - width : i - width + 1])].map((d) => `s${d}`); steps.push({ name: `s${i}`, dependencies: deps }); }
  const times = [];
  for (let r = 0; r < 3; r++) {
    const t = performance.now();
    const g = new dagre.graphlib.Graph(); g.setGraph({ rankdir: 'LR', nodesep: 28, ranksep: 72, ranker }); g.setDefaultEdgeLabel(() => ({}));
    for (const s of steps) g.setNode(s.name, { width: 220, height: 76 });
    for (const s of steps) for (const d of s.dependencies) g.setEdge(d, s.name);
    dagre.layout(g); times.push((performance.now() - t).toFixed(0));
  }
  console.log(ranker, count, times.join(' '));
}
