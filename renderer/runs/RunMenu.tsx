// Running around the step cache from the app (issue 18), where n8n and Airflow users look for it: the Run button's menu
// ("Run without cache", "Run, forcing the selected steps") and a step's context menu ("Run, forcing this step") — the
// app's `--no-cache` and `--force STEP…`. Steps without a cache always run, so the commands are offered for cached ones.
import { useCallback, useRef, useState, type ReactElement } from 'react';
import { stepCacheOf, type Workflow } from '../../shared/model.js';
import { useActions, useGraphStore } from '../app/hooks.js';
import { Menu, MenuItem, type MenuAt } from '../ui/Menu.js';
import type { CacheBypass } from './run-actions.js';

/** The steps that read and write the cache: with their own `cache` or the workflow's default. */
export function cachedSteps(workflow: Workflow | null | undefined): Set<string> {
  if (workflow == null) return new Set();
  return new Set(workflow.steps.filter((step) => stepCacheOf(step, workflow) !== undefined).map((step) => step.name));
}

const forceLabel = (steps: readonly string[]): string => (steps.length === 1 ? `Run, forcing ${steps[0]}` : `Run, forcing the ${steps.length} selected steps`);

/** The ▾ beside Run: its menu starts the run as `pick` says (through the parameters form when there is one). */
export function RunMenuButton({ disabled, onPick }: { disabled: boolean; onPick: (bypass: CacheBypass) => void }): ReactElement {
  const workflow = useGraphStore((state) => state.workflow);
  const selected = useGraphStore((state) => state.selectedSteps);
  const [at, setAt] = useState<MenuAt | null>(null);
  const button = useRef<HTMLButtonElement>(null);
  const close = useCallback(() => {
    setAt(null);
    button.current?.focus();
  }, []);
  const cached = cachedSteps(workflow);
  const forced = selected.filter((step) => cached.has(step));
  const open = (): void => {
    const box = button.current?.getBoundingClientRect();
    if (box !== undefined) setAt({ x: box.right, y: box.bottom + 4 });
  };
  return (
    <>
      <button ref={button} type="button" className="button button--primary run-controls__more" aria-label="More ways to run" aria-haspopup="menu" aria-expanded={at !== null} title="Run without cache, or forcing the selected steps" disabled={disabled} onClick={() => (at === null ? open() : close())}>
        <span aria-hidden="true">▾</span>
      </button>
      {at !== null && (
        <Menu at={at} label="Run" onClose={close}>
          <MenuItem label="Run without cache" hint={cached.size === 0 ? 'No step of this workflow has a cache' : 'Every step runs; the cache is neither read nor written'} disabled={cached.size === 0} onClose={close} onSelect={() => onPick({ noCache: true })} />
          <MenuItem
            label={forced.length === 0 ? 'Run, forcing the selected steps' : forceLabel(forced)}
            hint={forced.length === 0 ? 'Select steps with a cache on the canvas first' : 'They run even when the cache holds their result, and store the new one'}
            disabled={forced.length === 0} onClose={close} onSelect={() => onPick({ force: forced })}
          />
        </Menu>
      )}
    </>
  );
}

/** In a cached step's context menu: the whole workflow runs, this step even when the cache holds its result. */
export function ForceMenuItem({ step, onClose }: { step: string; onClose: () => void }): ReactElement | null {
  const cached = useGraphStore((state) => cachedSteps(state.workflow).has(step));
  const { startRun } = useActions();
  if (!cached) return null;
  return <MenuItem label="Run, forcing this step" hint="The whole workflow; this step runs even when the cache holds its result" data={{ 'data-force': step }} onClose={onClose} onSelect={() => startRun(undefined, undefined, { force: [step] })} />;
}
