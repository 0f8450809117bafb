import { describe, expect, it, vi } from 'vitest';
import type { PreloadBridge } from '../../../../shared/ipc.js';
import { createPreloadClient } from '../../../../renderer/api/preload-client.js';
import { ApiError } from '../../../../renderer/api/api-error.js';

function bridge(): PreloadBridge & { saveHandler: (() => Promise<boolean>) | null } {
  const fake = {
    saveHandler: null as (() => Promise<boolean>) | null,
    invoke: vi.fn(async (command: string) => (command === 'app.info' ? { ok: true as const, value: { mode: 'electron' } } : { ok: false as const, error: { code: 'not-found' as const, message: 'no such run' } })),
    onEvents: vi.fn(() => () => {}),
    onSaveRequest: (save: () => Promise<boolean>) => {
      fake.saveHandler = save;
      return () => (fake.saveHandler = null);
    },
  };
  return fake;
}

describe('the desktop client over the preload bridge', () => {
  it('turns replies into values or ApiErrors', async () => {
    const client = createPreloadClient(bridge());
    await expect(client.invoke('app.info', {})).resolves.toMatchObject({ mode: 'electron' });
    await expect(client.invoke('runs.get', { executionId: 'x' })).rejects.toBeInstanceOf(ApiError);
  });

  it("hands main's close prompt the page's save, and takes it back", async () => {
    const raw = bridge();
    const client = createPreloadClient(raw);
    const save = vi.fn(async () => true);
    const off = client.onSaveRequest!(save);
    await expect(raw.saveHandler!()).resolves.toBe(true);
    expect(save).toHaveBeenCalledOnce();
    off();
    expect(raw.saveHandler).toBeNull();
  });
});
