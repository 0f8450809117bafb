import { chmod, writeFile } from 'node:fs/promises';
import { delimiter, join } from 'node:path';
import semver from 'semver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ActionFailure } from '../../../../electron/engine/actions/action.js';
import { actions, parseRequirement } from '../../../../electron/engine/actions/environment-setup.js';
import { createContext, findAction, makeTempDir, runAction } from './context.js';

const check = findAction(actions, 'environment_setup.check_environment');
const nodeVersion = semver.coerce(process.version)!.version;
let bin: string;
let cleanup: () => Promise<void>;

/** A context whose PATH starts with a folder of fake tools, so the versions found are known. */
function contextWithTools(): ReturnType<typeof createContext> {
  return createContext({ cwd: bin, env: { ...(process.env as Record<string, string>), PATH: `${bin}${delimiter}${process.env.PATH ?? ''}` } });
}

beforeAll(async () => {
  ({ dir: bin, cleanup } = await makeTempDir());
  await writeFile(join(bin, 'faketool'), '#!/bin/sh\necho "faketool version 1.2.3 (build 77)"\n');
  await chmod(join(bin, 'faketool'), 0o755);
  // Writes its version to stderr, as python 2 and java do.
  await writeFile(join(bin, 'oldtool'), '#!/bin/sh\necho "OldTool 0.9" >&2\n');
  await chmod(join(bin, 'oldtool'), 0o755);
});

afterAll(async () => {
  await cleanup();
});

describe('environment_setup.check_environment', () => {
  it("check_environment reports node's version and flags an unmet range", async () => {
    const context = createContext();
    const { outputs } = await runAction(check, { requirements: ['node>=18', 'node-but-not-really'], failOnMissing: false }, context);
    expect(outputs.tools).toMatchObject({
      node: { found: true, version: nodeVersion, satisfies: true, required: '>=18' },
      'node-but-not-really': { found: false, version: null, satisfies: false, required: null },
    });
    expect(outputs).toMatchObject({ ok: false, missing: ['node-but-not-really'], platform: process.platform, arch: process.arch });
    expect(outputs.cpus).toBeGreaterThan(0);
    expect(outputs.memoryMB).toBeGreaterThan(0);

    const unmet = await runAction(check, { requirements: ['node<1'], failOnMissing: false }, context);
    expect(unmet.outputs).toMatchObject({ ok: false, missing: ['node'], tools: { node: { found: true, satisfies: false, required: '<1' } } });
  });

  it.skipIf(process.platform === 'win32')('runs `<tool> --version` on the step PATH and reads stdout or stderr', async () => {
    const context = contextWithTools();
    const { outputs } = await runAction(check, { requirements: ['faketool>=1.2 <2', 'oldtool'] }, context);
    expect(outputs).toMatchObject({
      ok: true,
      missing: [],
      tools: { faketool: { found: true, version: '1.2.3', satisfies: true }, oldtool: { found: true, version: '0.9.0', satisfies: true } },
    });
    expect(context.logText()).toBe('faketool: 1.2.3 (needs >=1.2 <2)\noldtool: 0.9.0\n');
  });

  it.skipIf(process.platform === 'win32')('fails listing every unmet requirement and what was found', async () => {
    const error = await runAction(check, { requirements: ['faketool^2', 'nosuchtool-xyz>=1', 'node'] }, contextWithTools()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ActionFailure);
    const failure = error as ActionFailure;
    expect(failure.message).toBe('environment check failed: faketool: 1.2.3 (needs ^2) — does not satisfy; nosuchtool-xyz: not found (needs >=1)');
    expect(failure.outputs).toMatchObject({ ok: false, missing: ['faketool', 'nosuchtool-xyz'] });
  });

  it('a cancelled run stops the check with the run’s reason', async () => {
    const context = createContext();
    const reason = new Error('cancelled by the user');
    context.controller.abort(reason);
    await expect(runAction(check, { requirements: ['git'] }, context)).rejects.toBe(reason);
  });

  it('a requirement splits into a tool name and an optional semver range', () => {
    expect(parseRequirement('npm>=9 <12')).toEqual({ name: 'npm', range: '>=9 <12' });
    expect(parseRequirement('python3')).toEqual({ name: 'python3', range: null });
    expect(parseRequirement('g++ ^12')).toEqual({ name: 'g++', range: '^12' });
    expect(parseRequirement('node>=banana')).toBe('"node>=banana": ">=banana" is not a semver range (e.g. >=18, ^9, >=9 <12)');
  });

  it('params refuse a bad range and a tool listed twice, pointing at the entry', () => {
    const issues = check.params.safeParse({ requirements: ['node>=lots', 'git', 'git>=2'] }).error?.issues;
    expect(issues).toMatchObject([
      { path: ['requirements', 0], message: expect.stringContaining('is not a semver range') as unknown },
      { path: ['requirements', 2], message: 'git is listed twice; put both ranges in one entry' },
    ]);
  });

  it('every params schema converts to JSON Schema for the editor', () => {
    for (const action of actions) {
      expect(z.toJSONSchema(action.params, { io: 'input', unrepresentable: 'any' })).toMatchObject({ type: 'object' });
    }
  });
});
