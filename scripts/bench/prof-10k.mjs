import { mkdirSync, mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { OrchestrationEngine } from '../../dist/engine/index.js';
const temp = (p) => mkdtempSync(join(tmpdir(), p));
const dir = temp('cdx-prof-inputs-');
for (let folder = 0; folder < 100; folder++) {
  mkdirSync(join(dir, 'src', `d${folder}`), { recursive: true });
  for (let i = 0; i < 100; i++) writeFileSync(join(dir, 'src', `d${folder}`, `f${i}.txt`), `file ${folder}/${i}\n`.repeat(20));
}
await new Promise((r) => setTimeout(r, 200));
const home = temp('cdx-prof-home-');
const engine = new OrchestrationEngine({ home });
engine.workflowManager.createWorkflow('inputs', [{ name: 'hash', module: 'control', action: 'noop', cache: { inputs: ['src/**'], outputs: [], env: [] } }], { saveTo: false });
const workflow = engine.workflowManager.getWorkflow('inputs');
const stepMs = async (options) => { const e = await engine.runWorkflow(workflow, { cwd: dir, ...options }).done; return e.steps.hash.endTime - e.steps.hash.startTime; };
console.log('cold', await stepMs({}));
const ms = [];
for (let i = 0; i < 15; i++) ms.push(await stepMs({ force: ['hash'] }));
console.log('warm', ms.join(' '));
const hits = [];
for (let i = 0; i < 5; i++) hits.push(await stepMs({}));
console.log('hit', hits.join(' '));
await engine.close();
rmSync(home, { recursive: true, force: true }); rmSync(dir, { recursive: true, force: true });
