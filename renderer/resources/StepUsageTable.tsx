// Every running step's process tree as of the latest sample: CPU, memory, process count, and a link to its run.
import type { ReactElement } from 'react';
import { useActions, useMonitorStore } from '../app/hooks.js';

export function StepUsageTable(): ReactElement {
  const steps = useMonitorStore((state) => state.steps);
  const { openRun } = useActions();
  if (steps.length === 0) return <p className="muted">No step is running on this machine.</p>;
  return (
    <table className="table" aria-label="Running steps">
      <thead>
        <tr><th scope="col">Step</th><th scope="col">Run</th><th scope="col">CPU</th><th scope="col">Memory</th><th scope="col">Processes</th></tr>
      </thead>
      <tbody>
        {steps.map((usage) => (
          <tr key={`${usage.executionId}/${usage.step}`} data-step-usage={usage.step}>
            <td className="mono">{usage.step}</td>
            <td><button type="button" className="link-button mono" aria-label={`Open the run of ${usage.step}`} onClick={() => void openRun(usage.executionId)}>{usage.executionId.slice(0, 8)}</button></td>
            <td>{(usage.cpu * 100).toFixed(1)} %</td>
            <td>{usage.memMB.toFixed(1)} MB</td>
            <td>{usage.processes}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
