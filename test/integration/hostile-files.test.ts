import type { ChildProcess } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { EngineEvent } from '../../shared/events.js';
import type { WorkflowDocument, WorkflowEntry } from '../../shared/ipc.js';
import { cli } from '../cli.js';
import { tempDir } from '../helpers.js';
import { writeHostileFiles } from '../hostile-files.js';
import { connect, serve } from './serve-process.js';

/** Each refusal must come long before this: a parser that hangs or walks an alias bomb fails the test instead. */
const REFUSED_WITHIN_MS = 10_000;

const LIMITS = {
  bomb: 'expands to more than 1,000,000 values (too many aliases or nodes)',
  deepYaml: 'nested deeper than 64 levels (too deep)',
  deepJson: 'nested deeper than 64 levels (too deep)',
  large: 'a workflow file may be at most 10 MB (too large)',
  latin1: 'not UTF-8 text (the first invalid byte is on line 3)',
} as const;

const children: ChildProcess[] = [];
afterEach(() => {
  for (const child of children.splice(0)) child.kill('SIGKILL');
});

describe('hostile workflow files', () => {
  it('are refused by codomyrmex validate and run with exit 2, naming the file and the limit', () => {
    const files = writeHostileFiles(tempDir('codomyrmex-hostile-'));
    const home = tempDir('codomyrmex-home-');
    for (const [kind, file] of Object.entries(files) as [keyof typeof LIMITS, string][]) {
      for (const command of ['validate', 'run']) {
        const result = cli([command, file], home, undefined, {}, REFUSED_WITHIN_MS);
        expect(result.code, `${command} ${kind}: ${result.stderr}`).toBe(2);
        expect(result.stderr, `${command} ${kind}`).toContain(`${file}: `);
        expect(result.stderr, `${command} ${kind}`).toContain(LIMITS[kind]);
        expect(result.stderr, `${command} ${kind}`).not.toMatch(/\n\s+at /);
      }
    }
  });

  it('are listed with their problem by serve, which answers other requests meanwhile and survives them in its watcher', async () => {
    const project = tempDir('codomyrmex-hostile-project-');
    const dir = join(project, '.codomyrmex', 'workflows');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'good.yaml'), 'version: 1\nname: good\nsteps:\n  - { name: hello, module: control, action: noop }\n');
    const files = writeHostileFiles(dir);
    const { child, url } = await serve(project, tempDir('codomyrmex-home-'));
    children.push(child);
    const socket = await connect(url);
    const info = await socket.send('app.info', {});
    const projectId = (info as { ok: true; value: { projectId: string } }).value.projectId;

    // The list and the bad files' documents are asked for together with a quick request: every one is answered.
    const [list, quick, bomb, large] = await Promise.all([
      socket.send('workflows.list', { projectId }),
      socket.send('app.info', {}),
      socket.send('workflows.get', { projectId, name: 'bomb' }),
      socket.send('workflows.get', { projectId, name: 'large' }),
    ]);
    expect(quick.ok).toBe(true);
    const entries = (list as { ok: true; value: WorkflowEntry[] }).value;
    // A file refused before it is read as a workflow is listed by its file name.
    expect(entries.map((entry) => entry.name)).toEqual(['bomb', 'deep-json', 'deep', 'good', 'large', 'latin1']);
    const byFile = new Map(entries.map((entry) => [entry.file, entry]));
    expect(byFile.get(join(dir, 'good.yaml'))!.problems).toEqual([]);
    for (const [kind, file] of Object.entries(files) as [keyof typeof LIMITS, string][]) {
      expect(byFile.get(file)!.problems, kind).toEqual([expect.objectContaining({ file, message: expect.stringContaining(LIMITS[kind]) })]);
    }
    expect((bomb as { ok: true; value: WorkflowDocument }).value).toMatchObject({ workflow: null, problems: [{ file: files.bomb, message: LIMITS.bomb }] });
    expect((large as { ok: true; value: WorkflowDocument }).value).toMatchObject({ workflow: null, problems: [{ file: files.large, message: expect.stringContaining(LIMITS.large) }] });
    // Running one is refused as invalid input, as `codomyrmex run` refuses it.
    expect(await socket.send('runs.start', { projectId, workflowName: 'bomb' })).toMatchObject({ ok: false, error: { code: 'invalid-workflow', problems: [{ file: files.bomb, message: LIMITS.bomb }] } });

    // The watcher (on while a page listens) reads each new bad file and announces it by its file name.
    const wrote = { bomb2: join(dir, 'bomb2.yaml'), deep2: join(dir, 'deep2.json') };
    writeFileSync(wrote.bomb2, readFileSync(files.bomb));
    writeFileSync(wrote.deep2, readFileSync(files.deepJson));
    rmSync(files.large);
    const changed = () => socket.events.filter((event): event is Extract<EngineEvent, { type: 'workflow.changed' }> => event.type === 'workflow.changed');
    await expect.poll(() => changed().map((event) => `${event.name}:${event.revision === null ? 'removed' : 'written'}`).sort(), { timeout: REFUSED_WITHIN_MS })
      .toEqual(['bomb2:written', 'deep2:written', 'large:removed']);
    expect((await socket.send('app.info', {})).ok).toBe(true);
    expect(child.exitCode).toBeNull();
    socket.close();
  });
});
