import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { COMMANDS, type WsServerMessage } from '../../shared/ipc.js';
import type { EngineEvent } from '../../shared/events.js';
import { EngineApi } from '../../electron/engine/api.js';
import { startBrowserServer, type BrowserServer } from '../../electron/doors/serve/browser-server.js';
import { INVALID_PAYLOADS, sampleRequests } from '../contract-samples.js';
import { newEngine, tempDir } from '../helpers.js';
import { startRedis, startWorker } from '../redis.js';

const FIXTURE = join(import.meta.dirname, '..', 'fixtures', 'e2e-project');
let server: BrowserServer | null = null;

afterEach(async () => {
  await server?.close();
  server = null;
});

/** The built server's render of the first view (scripts/build.mjs), as `serve` finds it beside dist/renderer. */
const FIRST_VIEW_SCRIPT = join(import.meta.dirname, '..', '..', 'dist', 'first-view.cjs');
/** A page with the plain frame between the marks the server's render of the first view replaces (renderer/index.html). */
const FRAMED_PAGE = '<!doctype html><title>app</title><body><div id="root"><!--first-view--><p class="plain-frame">Loading…</p><!--/first-view--></div></body></html>';

/** The page with its plain frame and the data at its end. */
const plainFrame = (html: string): boolean => html.includes('<div id="root"><!--first-view--><p class="plain-frame">Loading…</p><!--/first-view--></div><script type="application/json" id="codomyrmex-first-view">[');
/** Long enough without a request for the server to load its renderer of the first view (first-view-render.ts). */
const idle = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 800));

/**
 * `folder`: the project's folder name inside a temporary one (the default: that folder itself); `page`: the renderer's
 * index.html; `firstView`: the script for dist/first-view.cjs beside it (none by default).
 */
async function start(folder?: string, { page = '<!doctype html><title>app</title><body><div id="root"></div></body></html>', firstView }: { page?: string; firstView?: string } = {}) {
  const engine = newEngine();
  const projectDir = folder === undefined ? tempDir('codomyrmex-serve-project-') : join(tempDir('codomyrmex-serve-project-'), folder);
  cpSync(FIXTURE, projectDir, { recursive: true });
  const dist = tempDir('codomyrmex-dist-');
  const rendererDir = join(dist, 'renderer');
  mkdirSync(rendererDir);
  writeFileSync(join(rendererDir, 'index.html'), page);
  if (firstView !== undefined) writeFileSync(join(dist, 'first-view.cjs'), firstView);
  mkdirSync(join(rendererDir, 'assets'));
  writeFileSync(join(rendererDir, 'assets', 'app.js'), 'console.log(1)');
  const project = engine.projectManager.addProject(projectDir);
  const api = new EngineApi(engine, { mode: 'browser', version: 'test', projectId: project.id });
  // Its first view read while the page loads, as `codomyrmex serve` has it.
  server = await startBrowserServer({ api, rendererDir, port: 0, events: engine.events });
  const origin = `http://127.0.0.1:${server.port}`;
  return { engine, api, project, origin, server };
}

/** A WebSocket client that speaks the contract: request() awaits the reply with the same id. */
async function connect(origin: string, token: string) {
  const socket = new WebSocket(`${origin.replace('http', 'ws')}/ws?token=${token}`, { headers: { Origin: origin } });
  await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
  const waiting = new Map<number, (reply: unknown) => void>();
  const events: EngineEvent[] = [];
  let batches = 0;
  socket.on('message', (data) => {
    const message = JSON.parse(String(data)) as WsServerMessage;
    if ('events' in message) {
      batches++;
      events.push(...message.events);
    } else waiting.get(message.id)?.(message.reply);
  });
  let nextId = 1;
  return {
    socket,
    events,
    batches: () => batches,
    raw(text: string): Promise<{ ok: boolean; value?: unknown; error?: { code: string; message: string } }> {
      return new Promise((resolve) => {
        waiting.set(-1, resolve as (reply: unknown) => void);
        socket.send(text);
      });
    },
    request(command: string, request: unknown): Promise<{ ok: boolean; value?: unknown; error?: { code: string; message: string } }> {
      const id = nextId++;
      return new Promise((resolve) => {
        waiting.set(id, resolve as (reply: unknown) => void);
        socket.send(JSON.stringify({ id, command, request }));
      });
    },
  };
}

/** A GET with the path exactly as given (fetch would normalise the dots away). */
async function rawGet(port: number, path: string): Promise<string> {
  const { request } = await import('node:http');
  return new Promise((resolve, reject) => {
    request({ host: '127.0.0.1', port, path }, (response) => {
      let body = '';
      response.on('data', (chunk: Buffer) => (body += chunk));
      response.on('end', () => resolve(`${response.statusCode} ${body}`));
    }).on('error', reject).end();
  });
}

function upgradeStatus(origin: string, path: string, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve) => {
    const socket = new WebSocket(`${origin.replace('http', 'ws')}${path}`, { headers });
    socket.once('open', () => {
      socket.close();
      resolve(101);
    });
    socket.once('unexpected-response', (_request, response) => resolve(response.statusCode ?? 0));
    socket.once('error', () => resolve(0));
  });
}

describe('browser mode server', () => {
  it('binds every command of the contract over the WebSocket', async () => {
    const { origin, project, server } = await start();
    const client = await connect(origin, server.token);
    const samples = sampleRequests({ projectId: project.id, workflowName: 'diamond', executionId: 'no-such-run', step: 'prepare', sessionId: 'no-such-session', projectPath: project.path, scratchDir: tempDir() });
    for (const command of COMMANDS) {
      const reply = await client.request(command, samples[command]);
      expect(reply.error?.code, `${command}: ${reply.error?.message}`).not.toBe('unknown-command');
      expect(reply.error?.code, `${command}: ${reply.error?.message}`).not.toBe('invalid-request');
    }
    expect(((await client.request('app.info', {})).value as { mode: string; projectId: string }).projectId).toBe(project.id);
    client.socket.close();
  });

  it('refuses invalid payloads with a message naming the field, and keeps serving', async () => {
    const { origin, server } = await start();
    const client = await connect(origin, server.token);
    for (const [command, payload, field] of INVALID_PAYLOADS) {
      const reply = await client.request(command, payload);
      expect(reply.ok, command).toBe(false);
      expect(reply.error?.code).toBe('invalid-request');
      expect(reply.error?.message).toContain(field);
    }
    expect((await client.request('no.such.command', {})).error?.code).toBe('unknown-command');
    expect((await client.raw('{not json')).error?.message).toMatch(/not JSON/);
    expect((await client.raw('[1,2]')).error?.message).toMatch(/id/);
    expect((await client.raw(JSON.stringify({ id: 'x', command: 'app.info' }))).error?.message).toMatch(/id/);
    expect((await client.request('projects.list', {})).ok).toBe(true);
    client.socket.close();
  });

  it('turns the queue on over the WebSocket: a bad URL refused naming why, then a real worker listed and pushed live, then off', async () => {
    const { origin, server } = await start();
    const client = await connect(origin, server.token);
    const refused = await client.request('queue.configure', { redisUrl: 'http://localhost:6379' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'failed', message: expect.stringContaining('not a Redis URL') } });
    const redis = await startRedis();
    expect(await client.request('queue.configure', { redisUrl: redis.url })).toEqual({ ok: true, value: { url: redis.url, connected: true, problem: null } });
    await startWorker(redis.url, { pool: 'builds', concurrency: 2 });
    const pushed = (): { pool: string; slots: number }[] | undefined => client.events.findLast((event) => event.type === 'workers.updated')?.workers;
    await expect.poll(pushed, { timeout: 15_000 }).toEqual([expect.objectContaining({ pool: 'builds', slots: 2 })]);
    expect((await client.request('workers.list', {})).value).toMatchObject({ queue: { connected: true }, workers: [{ pool: 'builds', slots: 2, running: [] }], waiting: [] });
    expect(await client.request('queue.configure', { redisUrl: null })).toEqual({ ok: true, value: { url: null, connected: false, problem: null } });
    expect((await client.request('workers.list', {})).value).toMatchObject({ workers: [] });
    client.socket.close();
  }, 40_000);

  it('streams a run as batched events whose final states are exact', async () => {
    const { origin, project, server } = await start();
    const client = await connect(origin, server.token);
    const started = await client.request('runs.start', { projectId: project.id, workflowName: 'diamond' });
    const { executionId } = started.value as { executionId: string };
    await expect.poll(() => client.events.some((e) => e.type === 'execution.updated' && e.execution.executionId === executionId && e.execution.status === 'completed'), { timeout: 10_000 }).toBe(true);
    const last = new Map<string, string>();
    for (const event of client.events) if (event.type === 'step.updated' && event.executionId === executionId) last.set(event.step, event.run.status);
    expect(Object.fromEntries(last)).toEqual({ prepare: 'succeeded', left: 'succeeded', right: 'succeeded', join: 'succeeded' });
    expect(client.batches()).toBeLessThan(client.events.length);
    client.socket.close();
  });

  it("ends the app's page with the dashboard read for it, and answers the page's first request with that read, unless something changed", async () => {
    const { engine, api, project, origin, server } = await start();
    const reads: unknown[] = [];
    const dispatch = api.dispatch.bind(api);
    api.dispatch = (command, request) => {
      if (command === 'projects.dashboard') reads.push(request);
      return dispatch(command, request);
    };
    const page = async (): Promise<{ project: { id: string; status: string } }[]> => {
      const html = await (await fetch(`${origin}/?token=${server.token}`)).text();
      const block = /<script type="application\/json" id="codomyrmex-first-view">(.*)<\/script><\/body><\/html>$/.exec(html);
      expect(block).not.toBeNull();
      return JSON.parse(block![1]!) as { project: { id: string; status: string } }[];
    };
    const status = async (client: Awaited<ReturnType<typeof connect>>, request: unknown = {}): Promise<unknown> => {
      const reply = await client.request('projects.dashboard', request);
      expect(reply.ok).toBe(true);
      return (reply.value as { project: { status: string } }[])[0]!.project.status;
    };
    expect((await page()).map((card) => [card.project.id, card.project.status])).toEqual([[project.id, 'active']]);
    expect(reads).toHaveLength(1);
    // An asset is never read for; a HEAD of the page neither (it has no end to carry it).
    await (await fetch(`${origin}/assets/app.js?token=${server.token}`)).text();
    expect((await fetch(`${origin}/?token=${server.token}`, { method: 'HEAD' })).status).toBe(200);
    expect(reads).toHaveLength(1);
    const client = await connect(origin, server.token);
    expect(await status(client)).toBe('active');
    expect(reads).toHaveLength(1);
    // Used once: the next request reads afresh.
    await status(client);
    expect(reads).toHaveLength(2);
    // A change after the page was fetched (the status, set elsewhere) is in the answer, not the earlier read.
    await page();
    expect(reads).toHaveLength(3);
    engine.projectManager.updateProjectStatus(project.id, 'paused');
    expect(await status(client)).toBe('paused');
    expect(reads).toHaveLength(4);
    // A request with options is not the page's first: it gets its own read.
    expect((await page())[0]!.project.status).toBe('paused');
    await status(client, { days: 7 });
    expect(reads.at(-1)).toEqual({ days: 7 });
    client.socket.close();
  });

  it("the page's data cannot end its block early, and a failed read leaves it out", async () => {
    // A folder path with `</script>` in it: `<` is written escaped, so the page's block ends only where it should.
    const { engine, project, api, origin, server } = await start(join('<', 'script>'));
    const html = await (await fetch(`${origin}/?token=${server.token}`)).text();
    expect(html.match(/<\/script>/g)).toHaveLength(1);
    const block = /id="codomyrmex-first-view">(.*)<\/script>/.exec(html)![1]!;
    expect((JSON.parse(block) as { project: { path: string } }[])[0]!.project.path).toMatch(/\/<\/script>$/);
    api.dispatch = async () => ({ ok: false, error: { code: 'failed', message: 'no dashboard' } });
    engine.projectManager.updateProjectStatus(project.id, 'paused'); // the read above is no longer current
    expect(await (await fetch(`${origin}/?token=${server.token}`)).text()).toBe('<!doctype html><title>app</title><body><div id="root"></div></body></html>');
  });

  it("draws the app's first view into the page: the dashboard's cards, inert, in place of the plain frame", async () => {
    // A folder whose path is markup: it reaches the page as text, never as an element.
    const { project, origin, server } = await start(join('<img src=x onerror=alert(1)>', 'app'), { page: FRAMED_PAGE, firstView: readFileSync(FIRST_VIEW_SCRIPT, 'utf8') });
    // The first page of a fresh server: the plain frame, as fast as ever (the renderer loads once the server is idle).
    expect(plainFrame(await (await fetch(`${origin}/?token=${server.token}`)).text())).toBe(true);
    await idle();
    const html = await (await fetch(`${origin}/?token=${server.token}`)).text();
    const root = /<div id="root">(.*)<\/div><script type="application\/json"/.exec(html)![1]!;
    expect(root).toMatch(/^<div class="app" inert="" aria-hidden="true">/);
    expect(root).not.toContain('plain-frame');
    // The card as the app draws it: its name, its folder, its workflows with Run, and its chart, drawn as SVG.
    const card = /<article class="project-card"[^>]*>(.*?)<\/article>/.exec(root)![1]!;
    expect(card).toContain(`>${project.name}</button>`);
    expect(card).toContain(project.path.replace(/</g, '&lt;').replace(/>/g, '&gt;'));
    expect(html).not.toContain('<img');
    expect(card).toMatch(/aria-label="Run [^"]+"/);
    expect(card).toMatch(/<div class="sparkline" role="img" aria-label="[^"]+"><svg class="sparkline__svg" viewBox="0 0 250 43" preserveAspectRatio="none" aria-hidden="true">/);
    expect(card).not.toContain('<canvas');
    expect(root.match(/class="project-card"/g)).toHaveLength(1);
    // The data still ends the page, for the app's first render.
    expect(html).toMatch(/<script type="application\/json" id="codomyrmex-first-view">\[.*\]<\/script><\/body><\/html>$/);
  });

  it('keeps the plain frame where the first view cannot be drawn in time: a slow read, no renderer, a failing one', async () => {
    // A slow read: the frame goes out as it is, and the data follows it.
    const slow = await start(undefined, { page: FRAMED_PAGE, firstView: readFileSync(FIRST_VIEW_SCRIPT, 'utf8') });
    await idle();
    const dispatch = slow.api.dispatch.bind(slow.api);
    slow.api.dispatch = async (command, request) => {
      await new Promise((resolve) => setTimeout(resolve, 400));
      return dispatch(command, request);
    };
    expect(plainFrame(await (await fetch(`${slow.origin}/?token=${slow.server.token}`)).text())).toBe(true);
    // Not built, and a renderer that throws: the page as before. (Each start replaces the server afterEach closes.)
    for (const firstView of [undefined, 'exports.renderFirstView = () => { throw new Error("broken"); };']) {
      await server?.close();
      const started = await start(undefined, { page: FRAMED_PAGE, ...(firstView === undefined ? {} : { firstView }) });
      await idle();
      expect(plainFrame(await (await fetch(`${started.origin}/?token=${started.server.token}`)).text()), String(firstView)).toBe(true);
    }
  });

  it('refuses HTTP without the token, with a wrong token, from another origin or with a foreign Host', async () => {
    const { origin, server } = await start();
    expect((await fetch(`${origin}/`)).status).toBe(401);
    expect((await fetch(`${origin}/?token=wrong`)).status).toBe(401);
    expect((await fetch(`${origin}/?token=${server.token}`, { headers: { Origin: 'http://evil.example' } })).status).toBe(403);
    const ok = await fetch(`${origin}/?token=${server.token}`);
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(ok.headers.get('referrer-policy')).toBe('no-referrer');
    const cookie = ok.headers.get('set-cookie')!.split(';')[0]!;
    expect(cookie).toMatch(/^codomyrmex_token_\d+=/);
    expect((await fetch(`${origin}/assets/app.js`, { headers: { Cookie: cookie } })).status).toBe(200);
    expect((await fetch(`${origin}/assets/app.js`)).status).toBe(401);
    expect((await fetch(`${origin}/assets/missing.js?token=${server.token}`)).status).toBe(404);
    for (const path of ['/../../../etc/passwd', '/%2e%2e%2f%2e%2e%2f%2e%2e%2fetc%2fpasswd', '/..%5c..%5cetc%5cpasswd']) {
      expect(await rawGet(server.port, `${path}?token=${server.token}`), path).not.toContain('root:');
    }
    expect((await fetch(`${origin}/?token=${server.token}`, { method: 'POST' })).status).toBe(405);
  });

  it('refuses a foreign Host header (DNS rebinding), over HTTP and WebSocket', async () => {
    const { server } = await start();
    const status = await new Promise<number>((resolve) => {
      import('node:http').then(({ request }) => {
        request({ host: '127.0.0.1', port: server.port, path: `/?token=${server.token}`, headers: { Host: `evil.example:${server.port}` } }, (response) => resolve(response.statusCode ?? 0)).end();
      });
    });
    expect(status).toBe(403);
  });

  it('refuses WebSocket upgrades without the token or from another origin', async () => {
    const { origin, server } = await start();
    expect(await upgradeStatus(origin, '/ws', { Origin: origin })).toBe(401);
    expect(await upgradeStatus(origin, '/ws?token=wrong', { Origin: origin })).toBe(401);
    expect(await upgradeStatus(origin, `/ws?token=${server.token}`, { Origin: 'http://evil.example' })).toBe(403);
    expect(await upgradeStatus(origin, `/elsewhere?token=${server.token}`, { Origin: origin })).toBe(404);
    expect(await upgradeStatus(origin, `/ws?token=${server.token}`, { Origin: origin })).toBe(101);
  });
});
