import { describe, expect, it } from 'vitest';
import type { RequestOf } from '../../../../shared/ipc.js';
import { createActions } from '../../../../renderer/app/create-actions.js';
import type { ConfirmQuestion } from '../../../../renderer/ui/dialogs.js';
import { ApiError } from '../../../../renderer/api/api-error.js';
import { createStores } from '../../../../renderer/app/stores.js';
import { FakeApi } from '../fixtures.js';

const ROOT = { id: 'r', name: '/', path: '/', template: null, status: 'active' as const, createdAt: 1, description: '' };

/** An engine that adds "/" only with the confirmation flag, as the real one does. */
function app(answer: boolean) {
  const questions: string[] = [];
  const api = new FakeApi({
    'projects.add': (request: RequestOf<'projects.add'>) => {
      if (request.confirmBroadFolder !== true) throw new ApiError('needs-confirmation', "/ is a file system root, not one project's folder: every workflow run there works on all of it; add the project's own folder, or confirm to add / anyway");
      return ROOT;
    },
    'projects.dashboard': () => [],
    'projects.list': () => [ROOT],
    'app.info': () => ({ version: '0.1.0', mode: 'browser', home: '/h', platform: 'linux', projectId: null }),
  });
  const stores = createStores();
  const dialogs = {
    confirm: async (question: ConfirmQuestion) => (questions.push(`${question.title} ${question.message} [${question.confirmLabel}]`), answer),
    prompt: async () => null,
    showPath: async () => undefined,
  };
  return { api, stores, questions, actions: createActions(api, stores, dialogs) };
}

describe('adding a folder that holds more than one project', () => {
  it('asks first, naming what the folder is, and adds it with the confirmation flag when the user agrees', async () => {
    const { api, questions, actions } = app(true);
    expect(await actions.addFolder('/')).toBe(true);
    expect(questions).toEqual([expect.stringMatching(/^Add \/ as a project\? \/ is a file system root, not one project's folder: .*\. \[Add anyway\]$/)]);
    expect(api.calls.filter((call) => call.command === 'projects.add').map((call) => call.request)).toEqual([{ path: '/' }, { path: '/', confirmBroadFolder: true }]);
  });

  it('adds nothing and shows no error when the user declines', async () => {
    const { api, stores, actions } = app(false);
    expect(await actions.addFolder('/')).toBe(false);
    expect(api.calls.filter((call) => call.command === 'projects.add')).toHaveLength(1);
    expect(stores.notices.getState().notices).toEqual([]);
  });
});
