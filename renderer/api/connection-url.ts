// Where browser mode's WebSocket lives: same host, `/ws`, with the token from `?token=` (kept for reloads).
const TOKEN_KEY = 'codomyrmex.token';

export interface PageLocation {
  protocol: string;
  host: string;
  search: string;
}

export interface TokenStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

/** The page's token: from the URL when present (and remembered), else the one remembered this tab session. */
export function readToken(location: PageLocation, storage: TokenStorage | null): string | null {
  const fromUrl = new URLSearchParams(location.search).get('token');
  if (fromUrl !== null && fromUrl !== '') {
    try {
      storage?.setItem(TOKEN_KEY, fromUrl);
    } catch {
      // Storage can be disabled; the HttpOnly cookie the server set still authenticates this tab.
    }
    return fromUrl;
  }
  try {
    return storage?.getItem(TOKEN_KEY) ?? null;
  } catch {
    return null;
  }
}

export function webSocketUrl(location: PageLocation, token: string | null): string {
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
  const query = token === null ? '' : `?token=${encodeURIComponent(token)}`;
  return `${scheme}://${location.host}/ws${query}`;
}
