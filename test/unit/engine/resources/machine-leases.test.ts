import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../../electron/engine/store/database.js';
import { MachineLeases } from '../../../../electron/engine/resources/machine-leases.js';
import { processStartToken } from '../../../../electron/engine/processes/process-liveness.js';
import { tempDir } from '../../../helpers.js';

const capacity = () => 2;

/** A lease row as another process on this machine would have written it. */
function foreignLease(db: ReturnType<typeof openDatabase>, pid: number, amount: number): void {
  db.prepare(`INSERT INTO machine_leases (resource_id, holder_host, holder_pid, holder_start, amount, updated_at) VALUES ('cpu', ?, ?, ?, ?, ?)`)
    .run(hostname(), pid, processStartToken(pid), amount, Date.now());
}

describe('machine leases', () => {
  it('admits against every live holder, all or nothing, and gives back at the end of the turn', async () => {
    const db = openDatabase(join(tempDir(), 'db.sqlite'));
    const leases = new MachineLeases(() => db);
    expect(leases.acquire('a', { cpu: 1 }, capacity)).toBeNull();
    foreignLease(db, process.ppid, 1);
    expect(leases.acquire('b', { cpu: 1 }, capacity)).toEqual({ resourceId: 'cpu', amount: 1, available: 0 });
    leases.release('a');
    await new Promise((resolve) => setImmediate(resolve));
    expect(db.prepare("SELECT COUNT(*) AS n FROM machine_leases WHERE holder_pid = ?").get(process.pid)).toEqual({ n: 0 });
    expect(leases.acquire('b', { cpu: 1 }, capacity)).toBeNull();
  });

  it('reclaims the lease of a process that is gone, or a zombie nobody reaped', async () => {
    const db = openDatabase(join(tempDir(), 'db.sqlite'));
    const leases = new MachineLeases(() => db);
    // `sleep 0.1` ends under a parent that exec'd into `sleep 5` and never waits: a zombie (state Z) for 5 s.
    const dir = tempDir();
    const parent = spawn('sh', ['-c', `sleep 0.1 & echo $! > ${dir}/child; exec sleep 5`], { stdio: 'ignore' });
    try {
      await expect.poll(() => {
        try {
          const pid = Number(readFileSync(join(dir, 'child'), 'utf8'));
          const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
          return stat[stat.lastIndexOf(')') + 2];
        } catch {
          return null;
        }
      }, { timeout: 3000 }).toBe('Z');
      const zombie = Number(readFileSync(join(dir, 'child'), 'utf8'));
      expect(leases.acquire('warm', { cpu: 1 }, capacity)).toBeNull();
      leases.release('warm');
      leases.flush();
      foreignLease(db, zombie, 2);
      expect(leases.acquire('mine', { cpu: 2 }, capacity)).toBeNull();
      expect(db.prepare('SELECT COUNT(*) AS n FROM machine_leases WHERE holder_pid = ?').get(zombie)).toEqual({ n: 0 });
    } finally {
      parent.kill('SIGKILL');
    }
  });
});
