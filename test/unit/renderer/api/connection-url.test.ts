import { describe, expect, it } from 'vitest';
import { readToken, webSocketUrl } from '../../../../renderer/api/connection-url.js';

class MemoryStorage {
  readonly items = new Map<string, string>();
  getItem(key: string): string | null {
    return this.items.get(key) ?? null;
  }
  setItem(key: string, value: string): void {
    this.items.set(key, value);
  }
}

const page = (search: string) => ({ protocol: 'http:', host: '127.0.0.1:5123', search });

describe('the browser-mode connection', () => {
  it('takes the token from the page URL and keeps it for a reload without one', () => {
    const storage = new MemoryStorage();
    expect(readToken(page('?token=abc%2B1'), storage)).toBe('abc+1');
    expect(readToken(page(''), storage)).toBe('abc+1');
  });

  it('goes without a token when there is none, leaving it to the server\'s cookie', () => {
    expect(readToken(page(''), new MemoryStorage())).toBeNull();
    expect(webSocketUrl(page(''), null)).toBe('ws://127.0.0.1:5123/ws');
  });

  it('opens the WebSocket on the page\'s own host at /ws, secure when the page is', () => {
    expect(webSocketUrl(page(''), 'a b')).toBe('ws://127.0.0.1:5123/ws?token=a%20b');
    expect(webSocketUrl({ ...page(''), protocol: 'https:' }, 't')).toBe('wss://127.0.0.1:5123/ws?token=t');
  });
});
