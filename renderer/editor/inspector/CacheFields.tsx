// The inspector's Cache section (issue 18): whether the step is cached (not at all, by the workflow's default, or by its
// own settings), its inputs, outputs and env as lists, and the workflow's default. Each change is one undoable edit;
// a list the schema refuses shows why and writes nothing until it is right.
import { useEffect, useId, useState, type ReactElement } from 'react';
import type { StepCache, WorkflowStep } from '../../../shared/model.js';
import { useActions } from '../../app/hooks.js';
import { CACHE_LISTS, cacheForMode, cacheModeOf, checkCacheList, EMPTY_CACHE, linesOf, setStepCache, setWorkflowCache, type CacheList, type CacheMode } from '../cache-fields.js';
import { InspectorRow } from './InspectorRow.js';

const LIST_LABELS: Record<CacheList, { label: string; hint: string; placeholder: string }> = {
  inputs: { label: 'Inputs', hint: 'One glob per line, relative to the step’s folder; ! leaves files out.', placeholder: 'src/**/*.c\n!src/generated/**' },
  outputs: { label: 'Outputs', hint: 'Files restored on a hit, one glob per line.', placeholder: 'build/*.o' },
  env: { label: 'Env', hint: 'Environment variables whose values enter the key, one per line.', placeholder: 'CC' },
};

const MODE_LABELS: Record<CacheMode, string> = {
  off: 'no, always runs',
  default: 'workflow default',
  own: 'own settings',
};

/** One list as a textarea, one entry per line; the typed text stays while it is refused, and follows undo and redo. */
function CacheListInput({ id, list, label, hinted, value, onChange }: { id: string; list: CacheList; label: string; hinted: boolean; value: readonly string[]; onChange(values: string[]): void }): ReactElement {
  const joined = value.join('\n');
  const [draft, setDraft] = useState(joined);
  const [problems, setProblems] = useState<string[]>([]);
  const problemId = useId();
  useEffect(() => {
    // Only a change from elsewhere (undo, another field) replaces what is typed; a blank line being typed stays.
    setDraft((current) => (linesOf(current).join('\n') === joined ? current : joined));
    setProblems([]);
  }, [joined]);
  const change = (text: string): void => {
    setDraft(text);
    const checked = checkCacheList(list, text);
    setProblems(checked.problems);
    if (checked.problems.length === 0) onChange(checked.values);
  };
  const words = LIST_LABELS[list];
  return (
    <InspectorRow label={label} htmlFor={id} wide hint={hinted ? words.hint : undefined}>
      <div className="cache-list">
        <textarea
          id={id} className="input textarea mono" rows={Math.min(6, Math.max(2, value.length + 1))} spellCheck={false} value={draft} placeholder={words.placeholder}
          aria-invalid={problems.length > 0 || undefined} aria-describedby={problems.length > 0 ? problemId : undefined} onChange={(event) => change(event.target.value)}
        />
        {problems.length > 0 && <ul id={problemId} className="cache-list__problems" role="alert">{problems.map((problem) => <li key={problem}>{problem}</li>)}</ul>}
      </div>
    </InspectorRow>
  );
}

/** The three lists of one `cache` (a step's, or the workflow's labelled "Default …" without the step's hints), under ids starting with `prefix`. */
function CacheLists({ prefix, shared = false, cache, onChange }: { prefix: string; shared?: boolean; cache: StepCache; onChange(list: CacheList, values: string[]): void }): ReactElement {
  return (
    <>
      {CACHE_LISTS.map((list) => (
        <CacheListInput key={list} id={`${prefix}-${list}`} list={list} label={shared ? `Default ${LIST_LABELS[list].label.toLowerCase()}` : LIST_LABELS[list].label} hinted={!shared} value={cache[list]} onChange={(values) => onChange(list, values)} />
      ))}
    </>
  );
}

/** `shared`: the workflow's default, which a step without its own `cache` takes. */
export function CacheFields({ step, shared }: { step: WorkflowStep; shared: StepCache | undefined }): ReactElement {
  const { changeStep, changeWorkflow } = useActions();
  const mode = cacheModeOf(step, shared);
  // Without a workflow default a step is cached or not; with one, it takes the default, sets its own, or opts out of it
  // (`cache: false`: a deploy, a notification).
  const modes: CacheMode[] = shared === undefined ? ['off', 'own'] : ['default', 'own', 'off'];
  const setMode = (next: CacheMode): void => {
    void changeStep(step.name, 'cache', (s) => setStepCache(s, cacheForMode(s, next, shared)));
  };
  const own = step.cache === false ? undefined : step.cache;
  return (
    <div className="inspector__section inspector__grid" role="group" aria-labelledby="inspector-cache-title">
      <h3 id="inspector-cache-title">Cache</h3>
      <InspectorRow label="Cached" htmlFor="inspector-cache-mode" hint={mode === 'default' ? `Inputs ${shared!.inputs.join(', ') || '(none)'}; outputs ${shared!.outputs.join(', ') || '(none)'}.` : mode === 'off' ? (shared === undefined ? 'Runs every time: side effects are assumed.' : 'Runs every time, whatever the workflow’s default (cache: false in the file).') : undefined}>
        <select id="inspector-cache-mode" className="input input--small" value={mode} onChange={(event) => setMode(event.target.value as CacheMode)}>
          {modes.map((value) => <option key={value} value={value}>{MODE_LABELS[value]}</option>)}
        </select>
      </InspectorRow>
      {own !== undefined && (
        <CacheLists prefix="inspector-cache" cache={own} onChange={(list, values) => void changeStep(step.name, `cache.${list}`, (s) => setStepCache(s, { ...(s.cache || EMPTY_CACHE), [list]: values }))} />
      )}
      <details className="inspector-row inspector-row--wide cache-default" open={shared !== undefined || undefined}>
        <summary>Workflow default {shared === undefined ? '(none)' : '(steps without their own)'}</summary>
        <div className="inspector__grid">
          <InspectorRow label="Default" htmlFor="workflow-cache-on">
            <label className="cache-default__toggle">
              <input id="workflow-cache-on" type="checkbox" checked={shared !== undefined} onChange={(event) => void changeWorkflow('cache', (w) => setWorkflowCache(w, event.target.checked ? w.cache ?? EMPTY_CACHE : undefined))} />
              cache every step without its own
            </label>
          </InspectorRow>
          {shared !== undefined && (
            <CacheLists prefix="workflow-cache" shared cache={shared} onChange={(list, values) => void changeWorkflow(`cache.${list}`, (w) => setWorkflowCache(w, { ...(w.cache ?? EMPTY_CACHE), [list]: values }))} />
          )}
        </div>
      </details>
    </div>
  );
}
