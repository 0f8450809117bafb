// http.request: one HTTP call with fetch; its status, headers and (capped) body become outputs.
import { z } from 'zod';
import { ActionFailure, defineAction } from './action.js';

const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD'] as const;
const MIB = 1024 * 1024;

const params = () => z
  .object({
    url: z.url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL' }).describe('The URL to call.'),
    method: z.enum(METHODS).default('GET').describe('The HTTP method.'),
    headers: z.record(z.string(), z.string()).default({}).describe('Request headers.'),
    body: z
      .union([z.string(), z.record(z.string(), z.unknown()), z.array(z.unknown())])
      .optional()
      .describe('The request body: text as is, an object or array as JSON.'),
    timeout: z.number().positive('must be more than 0').optional().describe('Seconds to wait for the response before failing.'),
    expectStatus: z
      .array(z.number().int().min(100).max(599))
      .min(1, 'list at least one status, or leave it out to accept any 2xx')
      .optional()
      .describe('The statuses that count as success; any 2xx when left out.'),
    maxBodyBytes: z.number().int().positive().default(MIB).describe('The most bytes of the response body kept in the outputs.'),
  })
  .refine((p) => p.body === undefined || (p.method !== 'GET' && p.method !== 'HEAD'), {
    path: ['body'],
    message: 'a GET or HEAD request cannot have a body',
  });

type Params = z.output<ReturnType<typeof params>>;

const request = defineAction({
  module: 'http',
  action: 'request',
  description: 'Sends an HTTP request and fails unless the response has an expected status.',
  icon: 'globe',
  params,
  // `json` is null unless the response is JSON, so a later step can always refer to it.
  outputs: ['status', 'ok', 'body', 'headers', 'json'],
  async run(p, context) {
    const signal = p.timeout === undefined ? context.signal : AbortSignal.any([context.signal, AbortSignal.timeout(p.timeout * 1000)]);
    const started = performance.now();
    let response: Response;
    let body: { text: string; bytes: number; truncated: boolean };
    try {
      response = await fetch(p.url, { method: p.method, ...requestBody(p), signal });
      body = await readCapped(response, p.maxBodyBytes);
    } catch (error) {
      throw requestError(error, p, context.signal);
    }
    const ms = Math.round(performance.now() - started);
    const outputs = {
      status: response.status,
      ok: response.ok,
      body: body.text,
      headers: headersObject(response.headers),
      json: body.truncated ? null : parseJson(response.headers.get('content-type'), body.text),
    };
    const size = body.truncated ? `first ${body.bytes} bytes kept` : `${body.bytes} bytes`;
    context.log('stdout', `${p.method} ${p.url} → ${response.status} ${response.statusText} (${size}, ${ms} ms)\n`);
    if (!expected(response.status, p.expectStatus)) {
      const wanted = p.expectStatus === undefined ? '2xx' : p.expectStatus.join(', ');
      throw new ActionFailure(`${p.method} ${p.url} returned status ${response.status} ${response.statusText} (expected ${wanted})`, null, outputs);
    }
    return { outputs };
  },
});

function requestBody(p: Params): { headers: Record<string, string>; body?: string } {
  if (p.body === undefined) return { headers: p.headers };
  if (typeof p.body === 'string') return { headers: p.headers, body: p.body };
  const hasType = Object.keys(p.headers).some((name) => name.toLowerCase() === 'content-type');
  return { headers: hasType ? p.headers : { ...p.headers, 'content-type': 'application/json' }, body: JSON.stringify(p.body) };
}

/** Reads at most `max` bytes, then cancels the stream so a huge download is not pulled in whole. */
async function readCapped(response: Response, max: number): Promise<{ text: string; bytes: number; truncated: boolean }> {
  if (response.body === null) return { text: '', bytes: 0, truncated: false };
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let bytes = 0;
  let truncated = false;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    if (bytes + value.byteLength > max) {
      chunks.push(value.subarray(0, max - bytes));
      bytes = max;
      truncated = true;
      await reader.cancel();
      break;
    }
    chunks.push(value);
    bytes += value.byteLength;
  }
  return { text: new TextDecoder().decode(Buffer.concat(chunks)), bytes, truncated };
}

function headersObject(headers: Headers): Record<string, string> {
  const object: Record<string, string> = {};
  headers.forEach((value, name) => {
    object[name] = value;
  });
  return object;
}

function parseJson(contentType: string | null, text: string): unknown {
  // application/json, and the +json family (application/problem+json, application/vnd.api+json).
  if (contentType === null || !/[/+]json\b/i.test(contentType)) return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}

function expected(status: number, expectStatus: readonly number[] | undefined): boolean {
  return expectStatus === undefined ? status >= 200 && status < 300 : expectStatus.includes(status);
}

function requestError(error: unknown, p: Params, runSignal: AbortSignal): unknown {
  // Cancel and the step's own timeout belong to the engine: hand back its reason untouched.
  if (runSignal.aborted) return runSignal.reason;
  if (error instanceof Error && error.name === 'TimeoutError') {
    return new ActionFailure(`${p.method} ${p.url} got no complete response within ${p.timeout} s (the timeout parameter)`);
  }
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause.message : undefined;
  const message = error instanceof Error ? error.message : String(error);
  return new ActionFailure(`${p.method} ${p.url} failed: ${cause ?? message}`);
}

export const actions = [request];
