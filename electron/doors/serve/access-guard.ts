// Who may reach browser mode: only this machine's loopback, only pages of our own origin, only with the token.
// Browser mode can run shell commands, so every HTTP request and WebSocket upgrade passes through here first.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export type Verdict = { ok: true; viaQuery: boolean } | { ok: false; status: 401 | 403; reason: string };

export interface AccessGuard {
  readonly token: string;
  readonly cookieName: string;
  check(request: Pick<IncomingMessage, 'headers' | 'url'>): Verdict;
}

/** A fresh random token, as Jupyter prints one: unguessable, URL-safe. */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

export function createAccessGuard(port: number, token: string = newToken()): AccessGuard {
  // Both loopback spellings a user may type; anything else in Host is a DNS-rebinding attempt.
  const hosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`]);
  const origins = new Set([...hosts].map((host) => `http://${host}`));
  // Cookies are shared across ports of one host: name ours after the port so two servers never mix tokens.
  const cookieName = `codomyrmex_token_${port}`;
  const expected = Buffer.from(token);

  const matches = (candidate: string | undefined): boolean => {
    if (candidate === undefined) return false;
    const given = Buffer.from(candidate);
    return given.length === expected.length && timingSafeEqual(given, expected);
  };

  return {
    token,
    cookieName,
    check(request) {
      const host = request.headers.host;
      if (host === undefined || !hosts.has(host.toLowerCase())) return { ok: false, status: 403, reason: `foreign Host header "${host ?? ''}"` };
      const origin = request.headers.origin;
      if (origin !== undefined && !origins.has(origin.toLowerCase())) return { ok: false, status: 403, reason: `foreign Origin "${origin}"` };
      const fromQuery = new URL(request.url ?? '/', 'http://loopback').searchParams.get('token') ?? undefined;
      if (matches(fromQuery)) return { ok: true, viaQuery: true };
      if (matches(readCookie(request.headers.cookie, cookieName))) return { ok: true, viaQuery: false };
      return { ok: false, status: 401, reason: fromQuery === undefined ? 'no token' : 'wrong token' };
    },
  };
}

function readCookie(header: string | undefined, name: string): string | undefined {
  if (header === undefined) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}
