// The Editor: toolbar, palette, the canvas, the inspector (and a run's step details), problems, and a disk conflict.
import { ReactFlowProvider, useReactFlow } from '@xyflow/react';
import { useCallback, useMemo, useRef, type ChangeEvent, type ReactElement } from 'react';
import type { ActionInfo } from '../../shared/ipc.js';
import { downloadText } from '../app/download.js';
import { useActions, useAppStore, useGraphStore, useRunStore } from '../app/hooks.js';
import { NODE_HEIGHT, NODE_WIDTH } from '../canvas/node-size.js';
import { useEditorShortcuts } from '../canvas/use-editor-shortcuts.js';
import { WorkflowCanvas } from '../canvas/WorkflowCanvas.js';
import type { XY } from '../editor/graph-edits.js';
import { selectDirty } from '../stores/graph-store.js';
import { ConflictBar } from './ConflictBar.js';
import { EditorToolbar } from './EditorToolbar.js';
import { Inspector } from './Inspector.js';
import { Palette } from './Palette.js';
import { ProblemsPanel } from './ProblemsPanel.js';
import { QuickAdd } from './QuickAdd.js';
import { RunControls } from './RunControls.js';
import { ShortcutHelp } from './ShortcutHelp.js';
import { StepPanel } from './StepPanel.js';

export function EditorView(): ReactElement {
  const shown = useGraphStore((state) => state.shown);
  const loading = useGraphStore((state) => state.loading);
  const { newWorkflow } = useActions();
  // Until the app knows its project there is nowhere to create a workflow: say so rather than ignore the click.
  const hasProject = useAppStore((state) => state.projectId !== null);
  if (shown === null) {
    return (
      <section className="view" aria-labelledby="editor-title">
        <header className="view__header"><h1 id="editor-title">Editor</h1></header>
        <p className="muted empty">{loading !== null ? `Opening ${loading.name}…` : 'Open a workflow from Projects to see its steps here, or start a new one.'}</p>
        {loading === null && (
          <p>
            <button type="button" className="button button--primary" onClick={() => void newWorkflow()} disabled={!hasProject} title={hasProject ? undefined : 'Open a project first'}>New workflow…</button>
          </p>
        )}
      </section>
    );
  }
  return (
    <ReactFlowProvider key={`${shown.projectId}/${shown.name}/${shown.file}`}>
      <EditorWorkspace />
    </ReactFlowProvider>
  );
}

function EditorWorkspace(): ReactElement {
  const shown = useGraphStore((state) => state.shown)!;
  const dirty = useGraphStore(selectDirty);
  const description = useGraphStore((state) => state.workflow?.description);
  const selectedStep = useGraphStore((state) => state.selectedStep);
  const runShown = useRunStore((state) => state.shownExecutionId !== null);
  const actions = useActions();
  const { screenToFlowPosition } = useReactFlow();
  const pointer = useRef<XY | null>(null);
  const canvasRef = useRef<HTMLDivElement | null>(null);
  const fileInput = useRef<HTMLInputElement | null>(null);

  const openImport = useCallback(() => fileInput.current?.click(), []);
  const exportAs = useCallback((format: 'yaml' | 'json') => {
    void actions.exportText(format).then((file) => {
      if (file !== undefined) downloadText(file.text, file.fileName, format === 'json' ? 'application/json' : 'application/yaml');
    });
  }, [actions]);
  const onImport = (event: ChangeEvent<HTMLInputElement>): void => {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (file !== undefined) void actions.importFile(file);
  };
  const addInView = useCallback((info: ActionInfo) => {
    const box = canvasRef.current?.getBoundingClientRect();
    const centre = screenToFlowPosition(box === undefined ? { x: 400, y: 300 } : { x: box.left + box.width / 2, y: box.top + box.height / 2 });
    actions.addAction(info, { x: centre.x - NODE_WIDTH / 2, y: centre.y - NODE_HEIGHT / 2 });
  }, [actions, screenToFlowPosition]);
  const hosts = useMemo(() => ({ pointer, canvas: canvasRef, openImport, exportYaml: () => exportAs('yaml') }), [openImport, exportAs]);
  useEditorShortcuts(hosts);

  return (
    <section className="view view--editor" aria-labelledby="editor-title">
      <header className="view__header">
        <div className="view__title">
          <h1 id="editor-title">{dirty && <span className="dirty-mark" aria-label="unsaved changes" title="Unsaved changes">● </span>}{shown.name}</h1>
          {description ? <p className="muted">{description}</p> : null}
        </div>
        <RunControls />
      </header>
      <EditorToolbar openImport={openImport} exportAs={exportAs} />
      <input ref={fileInput} type="file" accept=".yaml,.yml,.json,application/json,application/yaml" hidden aria-label="Import a workflow file" onChange={onImport} />
      <ConflictBar />
      <div className="editor">
        <Palette onAdd={addInView} />
        <WorkflowCanvas pointer={pointer} canvasRef={canvasRef} />
        {selectedStep !== null && (
          <div className="side-panel">
            <Inspector name={selectedStep} />
            {runShown && <StepPanel step={selectedStep} />}
          </div>
        )}
      </div>
      <ProblemsPanel />
      <QuickAdd />
      <ShortcutHelp />
    </section>
  );
}
