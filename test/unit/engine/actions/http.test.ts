import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ActionFailure } from '../../../../electron/engine/actions/action.js';
import { actions } from '../../../../electron/engine/actions/http.js';
import { createContext, findAction, runAction } from './context.js';

const request = findAction(actions, 'http.request');
let server: Server;
let base: string;

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://localhost');
  if (url.pathname === '/json') {
    res.writeHead(200, { 'content-type': 'application/json', 'x-answer': '42' }).end(JSON.stringify({ hello: 'world' }));
  } else if (url.pathname === '/echo') {
    const body = await readBody(req);
    res.writeHead(201, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ method: req.method, contentType: req.headers['content-type'] ?? null, token: req.headers['x-token'] ?? null, body }));
  } else if (url.pathname === '/missing') {
    res.writeHead(404, { 'content-type': 'text/plain' }).end('no such thing');
  } else if (url.pathname === '/big') {
    res.writeHead(200, { 'content-type': 'text/plain' }).end('x'.repeat(100_000));
  } else if (url.pathname === '/slow') {
    // Never answers: the client's timeout or cancel has to end the request.
    req.on('close', () => res.destroy());
  } else {
    res.writeHead(200, { 'content-type': 'text/plain' }).end('hello');
  }
}

beforeAll(async () => {
  server = createServer((req, res) => void handle(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

describe('http.request', () => {
  it('a GET returns status, headers, body and parsed JSON, and logs one line', async () => {
    const context = createContext();
    const { outputs } = await runAction(request, { url: `${base}/json` }, context);
    expect(outputs).toMatchObject({ status: 200, ok: true, body: '{"hello":"world"}', json: { hello: 'world' } });
    expect(outputs.headers).toMatchObject({ 'x-answer': '42' });
    expect(context.logText()).toMatch(/^GET http:\/\/127\.0\.0\.1:\d+\/json → 200 OK \(17 bytes, \d+ ms\)\n$/);
  });

  it('a text response has a null json output', async () => {
    const { outputs } = await runAction(request, { url: `${base}/` }, createContext());
    expect(outputs).toMatchObject({ body: 'hello', json: null });
  });

  it('an object body is sent as JSON with its content type and the given headers', async () => {
    const params = { url: `${base}/echo`, method: 'POST', headers: { 'X-Token': 'secret' }, body: { a: 1 } };
    const { outputs } = await runAction(request, params, createContext());
    expect(outputs.status).toBe(201);
    expect(outputs.json).toEqual({ method: 'POST', contentType: 'application/json', token: 'secret', body: '{"a":1}' });
  });

  it('a text body is sent as it is', async () => {
    const { outputs } = await runAction(request, { url: `${base}/echo`, method: 'PUT', body: 'plain words' }, createContext());
    expect(outputs.json).toMatchObject({ method: 'PUT', body: 'plain words' });
  });

  it('an unexpected status fails the step with the status in the message', async () => {
    const error = await runAction(request, { url: `${base}/missing` }, createContext()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ActionFailure);
    const failure = error as ActionFailure;
    expect(failure.message).toContain(`${base}/missing`);
    expect(failure.message).toContain('404');
    expect(failure.outputs).toMatchObject({ status: 404, ok: false, body: 'no such thing' });
  });

  it('expectStatus accepts a status outside 2xx and refuses a 2xx not listed', async () => {
    await expect(runAction(request, { url: `${base}/missing`, expectStatus: [404] }, createContext())).resolves.toMatchObject({ outputs: { status: 404 } });
    await expect(runAction(request, { url: `${base}/`, expectStatus: [204] }, createContext())).rejects.toThrow(/returned status 200 OK \(expected 204\)/);
  });

  it('the body is capped at maxBodyBytes', async () => {
    const context = createContext();
    const { outputs } = await runAction(request, { url: `${base}/big`, maxBodyBytes: 1000 }, context);
    expect(outputs.body).toHaveLength(1000);
    expect(context.logText()).toContain('first 1000 bytes kept');
  });

  it('a HEAD request has an empty body', async () => {
    const { outputs } = await runAction(request, { url: `${base}/json`, method: 'HEAD' }, createContext());
    expect(outputs).toMatchObject({ status: 200, body: '', json: null });
  });

  it('the timeout parameter fails a request that does not answer in time', async () => {
    await expect(runAction(request, { url: `${base}/slow`, timeout: 0.1 }, createContext())).rejects.toThrow(/got no complete response within 0.1 s/);
  });

  it('a cancelled run stops the request with the run’s reason', async () => {
    const context = createContext();
    const reason = new Error('cancelled by the user');
    const pending = runAction(request, { url: `${base}/slow` }, context);
    setTimeout(() => context.controller.abort(reason), 20);
    await expect(pending).rejects.toBe(reason);
  });

  it('a refused connection fails with the URL and the cause', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(closed.address() as AddressInfo).port}/`;
    await new Promise((resolve) => closed.close(resolve));
    await expect(runAction(request, { url }, createContext())).rejects.toThrow(`GET ${url} failed: `);
  });

  it('params refuse a non-http URL and a body on GET', () => {
    expect(request.params.safeParse({ url: 'ftp://example.com/' }).success).toBe(false);
    const issues = request.params.safeParse({ url: 'http://example.com/', body: 'x' }).error?.issues;
    expect(issues).toMatchObject([{ path: ['body'], message: 'a GET or HEAD request cannot have a body' }]);
  });

  it('every params schema converts to JSON Schema for the editor', () => {
    for (const action of actions) {
      expect(z.toJSONSchema(action.params, { io: 'input', unrepresentable: 'any' })).toMatchObject({ type: 'object' });
    }
  });
});
