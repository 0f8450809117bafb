// The editor's figure: validating a 1,000-step graph after each edit, as the renderer does while the user draws.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { layeredSteps } from './engine.mjs';

const EDITS = 50;
const ROOT = new URL('../..', import.meta.url).pathname;

/** The pure modules the renderer bundles, plus the engine's registry, compiled from source as one ES module. */
async function loadModules() {
  const dir = mkdtempSync(join(tmpdir(), 'cdx-bench-editor-'));
  try {
    const outfile = join(dir, 'editor-modules.mjs');
    await build({
      stdin: {
        contents: `
          export { validateWorkflow } from './shared/validate.ts';
          export { catalogFromActionInfos } from './shared/action-catalog.ts';
          export { parseWorkflow } from './shared/workflow-schema.ts';
          export { createBuiltinRegistry } from './electron/engine/actions/builtin.ts';
          export { ResourceManager } from './electron/engine/resources/resource-manager.ts';`,
        resolveDir: ROOT,
        loader: 'ts',
      },
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      outfile,
      logLevel: 'warning',
      banner: { js: 'import { createRequire as __benchRequire } from "node:module"; const require = __benchRequire(import.meta.url);' },
    });
    return await import(outfile);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** 20 layers of 50 steps, each depending on two of the layer before, half of them reading an output of one. */
function graph(parseWorkflow) {
  const steps = layeredSteps(20, 50, (layer, i) => {
    if (i % 5 === 4) return { module: 'control', action: 'delay', parameters: { seconds: 0.1 } };
    if (i % 5 === 3) return { module: 'file', action: 'write', parameters: { path: `out/${layer}-${i}.txt`, content: 'x' } };
    const reads = layer > 0 && i % 2 === 0 ? ` \${{ steps.s${layer - 1}_${i}.outputs.exitCode }}` : '';
    return { module: 'shell', action: 'run', parameters: { command: `echo ${layer}-${i}${reads}`, env: { STEP: `${layer}-${i}` } } };
  });
  return parseWorkflow({ version: 1, name: 'editor-1000', concurrency: 8, steps });
}

/** The edits a user makes: rename a parameter of a step (env → environment and back), or add a dependency. */
function edit(workflow, round) {
  const index = (round * 37) % workflow.steps.length;
  const step = workflow.steps[index];
  let changed;
  if (round % 2 === 0) {
    const { env, environment, ...rest } = step.parameters;
    changed = { ...step, parameters: env !== undefined ? { ...rest, environment: env } : environment !== undefined ? { ...rest, env: environment } : { ...rest, note: 'renamed' } };
  } else {
    const layer = Number(step.name.slice(1).split('_')[0]);
    const extra = layer > 1 ? `s${layer - 2}_${round % 50}` : null;
    changed = extra === null || step.dependencies.includes(extra) ? step : { ...step, dependencies: [...step.dependencies, extra] };
  }
  // An immutable update, as the editor's store makes it: one new step, one new array, the rest shared.
  const steps = workflow.steps.slice();
  steps[index] = changed;
  return { ...workflow, steps };
}

function time(validateWorkflow, workflow, context) {
  validateWorkflow(workflow, context); // warm: JIT, and the catalogue compiles the schemas it meets
  const samples = [];
  let current = workflow;
  let problems = 0;
  for (let round = 0; round < EDITS; round++) {
    current = edit(current, round);
    const started = performance.now();
    problems = validateWorkflow(current, context).length;
    samples.push(performance.now() - started);
  }
  samples.sort((a, b) => a - b);
  return { median: samples[Math.floor(samples.length / 2)], p95: samples[Math.ceil(samples.length * 0.95) - 1], problems };
}

export async function benchEditor(print) {
  const { validateWorkflow, catalogFromActionInfos, parseWorkflow, createBuiltinRegistry, ResourceManager } = await loadModules();
  const registry = createBuiltinRegistry();
  // What the renderer receives over the contract: actions.list as JSON, the editor context's capacities and env names.
  const infos = JSON.parse(JSON.stringify(registry.list()));
  const resourceCapacities = new Map(new ResourceManager().listResources().map((r) => [r.id, { capacity: r.capacity, unit: r.unit }]));
  const env = Object.fromEntries(Object.keys(process.env).map((key) => [key, '']));
  const workflow = graph(parseWorkflow);
  const lines = [];
  for (const [label, catalog] of [['JSON-Schema catalogue (the renderer\'s)', catalogFromActionInfos(infos)], ['engine registry', registry]]) {
    const { median, p95, problems } = time(validateWorkflow, workflow, { catalog, resourceCapacities, env });
    lines.push(`${label.padEnd(40)} median ${median.toFixed(2)} ms, p95 ${p95.toFixed(2)} ms (${problems} problems after the last edit)`);
  }
  print(`editor: validateWorkflow on a ${workflow.steps.length}-step layered graph after each of ${EDITS} edits (aim ≤ 16 ms)`, lines.join('\n'));
}
