import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ResourceManager } from '../../../../electron/engine/resources/resource-manager.js';
import { openSettings, SETTINGS_NAME } from '../../../../electron/engine/store/settings-store.js';
import { UserResources } from '../../../../electron/engine/resources/user-resources.js';
import { tempDir } from '../../../helpers.js';

function userResources(home: string) {
  const manager = new ResourceManager();
  const users = new UserResources(openSettings(home), manager);
  return { manager, users };
}

describe('user-defined resources', () => {
  it('survive a restart: declared in one engine, present in the next on the same home', async () => {
    const home = tempDir();
    await userResources(home).users.define({ id: 'gpu', type: 'gpu', capacity: 1, unit: 'cards' });
    const next = userResources(home);
    next.users.load();
    expect(next.manager.getAvailableCapacity('gpu')).toBe(1);
    expect(next.manager.listResources().find((r) => r.id === 'gpu')).toMatchObject({ type: 'gpu', unit: 'cards', builtin: false });
  });

  it('can be edited and removed, and the file says so', async () => {
    const home = tempDir();
    const { users, manager } = userResources(home);
    await users.define({ id: 'db', capacity: 4 });
    await users.define({ id: 'db', capacity: 2 });
    expect(manager.getAvailableCapacity('db')).toBe(2);
    await users.define({ id: 'lab', capacity: 1 });
    await users.remove('lab');
    const saved = JSON.parse(readFileSync(join(home, `${SETTINGS_NAME}.json`), 'utf8')) as { resources: { id: string; capacity: number }[] };
    expect(saved.resources.map((r) => [r.id, r.capacity])).toEqual([['db', 2]]);
  });

  it('refuses to remove a built-in or a workflow-declared resource, naming what can be removed', async () => {
    const { users, manager } = userResources(tempDir());
    manager.registerResource({ id: 'from-workflow', capacity: 1 });
    await expect(users.remove('cpu')).rejects.toThrow(/"cpu" is not a user-defined resource/);
    await expect(users.remove('from-workflow')).rejects.toThrow(/user-defined: none/);
  });

  it('skips broken saved entries with a warning instead of failing the engine', () => {
    const home = tempDir();
    writeFileSync(join(home, `${SETTINGS_NAME}.json`), JSON.stringify({ resources: [{ id: 'ok', capacity: 2 }, { id: 'bad', capacity: -1 }, { id: 'cpu', capacity: 3 }] }));
    const { users, manager } = userResources(home);
    const warnings: string[] = [];
    users.load((message) => warnings.push(message));
    expect(manager.getAvailableCapacity('ok')).toBe(2);
    expect(warnings).toHaveLength(2);
    expect(warnings.join('\n')).toMatch(/capacity/);
    expect(warnings.join('\n')).toMatch(/"cpu"/);
  });

  it('keeps a settings file with a syntax error: a copy beside it, a warning naming it, and no change saved over it', async () => {
    const home = tempDir();
    const file = join(home, `${SETTINGS_NAME}.json`);
    const broken = '{ "resources": [{ "id": "gpu", "capacity": 1 }], }';
    writeFileSync(file, broken);
    const warnings: string[] = [];
    const users = new UserResources(openSettings(home, (message) => warnings.push(message)), new ResourceManager());
    expect(() => users.load()).not.toThrow();
    expect(users.list()).toEqual([]);
    const copies = readdirSync(home).filter((name) => name.startsWith(`${SETTINGS_NAME}.json.bad-`));
    expect(copies).toHaveLength(1);
    expect(readFileSync(join(home, copies[0]!), 'utf8')).toBe(broken);
    expect(warnings).toEqual([expect.stringContaining(`the settings file ${file} is not valid JSON`)]);
    await expect(users.define({ id: 'db', capacity: 4 })).rejects.toThrow(`cannot save the settings: ${file} is not valid JSON`);
    expect(readFileSync(file, 'utf8')).toBe(broken);
    // A restart on the same broken file finds the copy it made, rather than one more.
    new UserResources(openSettings(home, () => {}), new ResourceManager()).load();
    expect(readdirSync(home).filter((name) => name.startsWith(`${SETTINGS_NAME}.json.bad-`))).toEqual(copies);
    // Fixed by hand: changes are saved again, next to what the file held.
    writeFileSync(file, '{ "resources": [{ "id": "gpu", "capacity": 1 }] }');
    await users.define({ id: 'db', capacity: 4 });
    expect((JSON.parse(readFileSync(file, 'utf8')) as { resources: { id: string }[] }).resources.map((r) => r.id)).toEqual(['gpu', 'db']);
  });
});
