import { spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, cliProcess } from '../cli.js';
import { tempDir } from '../helpers.js';
import { readPidFile } from '../pid-file.js';

const CORES = availableParallelism();

/** A run of the CLI to its end: exit code and the --json record. */
function runToEnd(args: string[], home: string): Promise<{ code: number | null; record: { status: string; steps: Record<string, { status: string; startTime: number }> } }> {
  const child = spawn(process.execPath, [BIN, ...args, '--json'], { env: { ...process.env, CODOMYRMEX_HOME: home }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk));
  child.stderr.on('data', (chunk: Buffer) => (err += chunk));
  return new Promise((resolve, reject) => child.on('exit', (code) => {
    try {
      resolve({ code, record: JSON.parse(out) });
    } catch {
      reject(new Error(`no record (exit ${code}): ${err}`));
    }
  }));
}

/** The most intervals open at once, from "start|end <ns>" lines. */
function maxOverlap(lines: string[]): number {
  const events = lines.map((line) => line.split(' ')).map(([kind, at]) => ({ at: BigInt(at!), delta: kind === 'start' ? 1 : -1 }));
  events.sort((a, b) => (a.at === b.at ? a.delta - b.delta : a.at < b.at ? -1 : 1));
  let open = 0;
  let most = 0;
  for (const event of events) most = Math.max(most, (open += event.delta));
  return most;
}

describe('resources shared by every process on the machine', () => {
  it(`three concurrent CLI runs of cpu: 1 steps never run more than the ${CORES} cores at once`, async () => {
    const home = tempDir();
    const dir = tempDir();
    const log = join(dir, 'spans.log');
    const steps = Array.from({ length: 3 }, (_, i) => `  - { name: s${i}, module: shell, action: run, resources: { cpu: 1 }, parameters: { command: 'echo "start $(date +%s%N)" >> ${log}; sleep 0.4; echo "end $(date +%s%N)" >> ${log}' } }`);
    writeFileSync(join(dir, 'heavy.yaml'), `version: 1\nname: heavy\nconcurrency: 3\nsteps:\n${steps.join('\n')}\n`);
    const runs = await Promise.all([0, 1, 2].map(() => runToEnd(['run', join(dir, 'heavy.yaml')], home)));
    expect(runs.map((run) => run.code)).toEqual([0, 0, 0]);
    const lines = readFileSync(log, 'utf8').trim().split('\n');
    expect(lines).toHaveLength(18);
    expect(maxOverlap(lines)).toBeLessThanOrEqual(CORES);
    expect(maxOverlap(lines)).toBeGreaterThanOrEqual(Math.min(CORES, 2));
  });

  it('reclaims the lease of a CLI that was killed (SIGKILL): a run waiting for it goes on', async () => {
    const home = tempDir();
    const dir = tempDir();
    const hold = `version: 1\nname: hold\nsteps:\n  - { name: hog, module: shell, action: run, resources: { cpu: ${CORES} }, parameters: { command: 'echo $$ > ${dir}/hog.pid; sleep 30' } }\n`;
    const want = `version: 1\nname: want\nsteps:\n  - { name: all, module: shell, action: run, resources: { cpu: ${CORES} }, parameters: { command: 'echo got it' } }\n`;
    writeFileSync(join(dir, 'hold.yaml'), hold);
    writeFileSync(join(dir, 'want.yaml'), want);
    const holder = cliProcess(['run', join(dir, 'hold.yaml')], home);
    await expect.poll(() => existsSync(join(dir, 'hog.pid')), { timeout: 10_000 }).toBe(true);
    const waiting = runToEnd(['run', join(dir, 'want.yaml')], home);
    // The second run waits while the first holds every core.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const killedAt = Date.now();
    holder.kill('SIGKILL');
    const { code, record } = await waiting;
    expect(code).toBe(0);
    expect(record.steps.all!.status).toBe('succeeded');
    expect(record.steps.all!.startTime).toBeGreaterThanOrEqual(killedAt);
    try {
      const hog = readPidFile(join(dir, 'hog.pid'));
      if (hog !== null) process.kill(-hog, 'SIGKILL');
    } catch {
      // The process host already ended it.
    }
  });
});
