// Not a bench section: `workflows.get` of one large workflow over browser mode's WebSocket, six times, with the server
// process's CPU time for each — the server's part of opening a canvas. `node scripts/bench/time-get.mjs 5000`
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import { layeredWorkflow } from './canvas.mjs';
import { startServe } from './serve.mjs';

const count = Number(process.argv[2] ?? 5000);
const project = mkdtempSync(join(tmpdir(), 'cdx-tg-'));
mkdirSync(join(project, '.codomyrmex', 'workflows'), { recursive: true });
writeFileSync(join(project, '.codomyrmex', 'workflows', 'big.yaml'), layeredWorkflow('big', count, false));
const server = await startServe(project);
const url = new URL(server.url);
const ws = new WebSocket(`ws://${url.host}/ws?token=${url.searchParams.get('token')}`);
await new Promise((resolve, reject) => { ws.once('open', resolve); ws.once('error', reject); });
let id = 0;
const pending = new Map();
ws.on('message', (data) => { const m = JSON.parse(String(data)); pending.get(m.id)?.(m); });
const call = (command, request) => new Promise((resolve) => { const i = ++id; pending.set(i, resolve); ws.send(JSON.stringify({ id: i, command, request })); });
const projects = await call('projects.list', {});
const projectId = /"id":"([^"]+)"/.exec(JSON.stringify(projects))[1];
for (let i = 0; i < 6; i++) {
  const t = performance.now();
  const cpu = server.cpuSeconds();
  await call('workflows.get', { projectId, name: 'big' });
  console.log(`workflows.get ${count}: ${(performance.now() - t).toFixed(0)} ms, server cpu ${((server.cpuSeconds() - cpu) * 1000).toFixed(0)} ms`);
}
ws.close();
await server.stop();
rmSync(project, { recursive: true, force: true });
