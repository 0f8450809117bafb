import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { newEngine, tempDir } from '../helpers.js';

describe('the project manager', () => {
  it('creates a project folder from a template and registers it', () => {
    const engine = newEngine();
    const parent = tempDir();
    const project = engine.projectManager.createProject({ name: 'shop', parentDir: parent, template: 'web_application' });
    expect(project).toMatchObject({ name: 'shop', path: join(parent, 'shop'), template: 'web_application', status: 'planning' });
    expect(JSON.parse(readFileSync(join(project.path, '.codomyrmex', 'config.json'), 'utf8')).template).toBe('web_application');
    expect(engine.projectManager.listProjects().map((p) => p.id)).toEqual([project.id]);
  });

  it('updates status, and removes from the registry without touching files unless asked', () => {
    const engine = newEngine();
    const project = engine.projectManager.createProject({ name: 'lib', parentDir: tempDir(), template: 'node_package' });
    expect(engine.projectManager.updateProjectStatus(project.id, 'active').status).toBe('active');
    expect(() => engine.projectManager.updateProjectStatus(project.id, 'done' as never)).toThrow(/unknown project status "done"/);
    engine.projectManager.removeProject(project.id);
    expect(engine.projectManager.listProjects()).toEqual([]);
    expect(existsSync(join(project.path, 'package.json'))).toBe(true);
    const again = engine.projectManager.addProject(project.path);
    engine.projectManager.removeProject(again.id, { deleteFiles: true });
    expect(existsSync(project.path)).toBe(false);
  });

  it('refuses to lay a template over a folder that has files, and names unknown templates', () => {
    const engine = newEngine();
    const parent = tempDir();
    mkdirSync(join(parent, 'busy'));
    writeFileSync(join(parent, 'busy', 'keep.txt'), 'mine');
    expect(() => engine.projectManager.createProject({ name: 'busy', parentDir: parent, template: 'data_pipeline' })).toThrow(/already exists and is not empty/);
    expect(readFileSync(join(parent, 'busy', 'keep.txt'), 'utf8')).toBe('mine');
    expect(() => engine.projectManager.createProject({ name: 'x', parentDir: parent, template: 'rocket' })).toThrow(/unknown template "rocket" \(known: /);
  });

  it('keeps sessions bound to projects across engine restarts', async () => {
    const home = tempDir();
    const first = newEngine(home);
    const project = first.projectManager.addProject(tempDir(), 'existing');
    const { sessionId } = first.createSession('work', { projectId: project.id, env: { STAGE: 'dev' } });
    await first.close();
    const second = newEngine(home);
    expect(second.getSession(sessionId)).toMatchObject({ name: 'work', projectId: project.id, env: { STAGE: 'dev' }, status: 'active' });
    expect(second.projectManager.getProject(project.id)?.name).toBe('existing');
  });
});
