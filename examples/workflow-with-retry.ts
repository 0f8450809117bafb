// The guide's error recovery: a workflow run again on failure, waiting 2^n seconds after the n-th failed run.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getOrchestrationEngine, getWorkflowManager } from 'codomyrmex-orchestrator';

const manager = getWorkflowManager();
const work = mkdtempSync(join(tmpdir(), 'retry-example-'));

// A step that fails on its first run and succeeds on the next (it counts its runs in a file).
const created = manager.createWorkflow('flaky_deploy', [
  { name: 'deploy', module: 'shell', action: 'run', parameters: { command: 'n=$(cat runs 2>/dev/null || echo 0); echo $((n+1)) > runs; [ $n -ge 1 ]' } },
], { saveTo: false });
if (!created) throw manager.lastError!;

const started = Date.now();
// Up to 3 runs; after a failed run it waits 1 s, then 2 s (as the guide's asyncio.sleep(2 ** attempt)).
const execution = await manager.executeWorkflowWithRetry('flaky_deploy', 3, {}, { cwd: work });
const seconds = Math.round((Date.now() - started) / 100) / 10;
console.log(`Workflow ${execution.status} after ${readFileSync(join(work, 'runs'), 'utf8').trim()} runs (${seconds}s)`);
console.log(`retry of: ${execution.rerunOf === null ? 'none' : 'an earlier failed run'}`);
await getOrchestrationEngine().close();
