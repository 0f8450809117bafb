// The Editor: the current project and the open workflow's name, toolbar, palette, the canvas, the inspector (and a run's step details), problems, and a disk conflict.
import { ReactFlowProvider, useReactFlow } from '@xyflow/react';
import { useCallback, useMemo, useRef, type ChangeEvent, type ReactElement, type ReactNode } from 'react';
import type { ActionInfo } from '../../shared/ipc.js';
import { downloadText } from '../app/download.js';
import { useActions, useAppStore, useGraphStore, useProjectsStore, useRunStore } from '../app/hooks.js';
import { NODE_HEIGHT, NODE_WIDTH } from '../canvas/node-size.js';
import { useEditorShortcuts } from '../canvas/use-editor-shortcuts.js';
import { WorkflowCanvas } from '../canvas/WorkflowCanvas.js';
import type { XY } from './graph-edits.js';
import { selectDirty } from './graph-store.js';
import { ConflictBar } from './ConflictBar.js';
import { EditorToolbar } from './EditorToolbar.js';
import { GroupInspector, selectSelectedGroup } from './GroupInspector.js';
import { Inspector } from './Inspector.js';
import { Palette } from './Palette.js';
import { ProblemsPanel } from './ProblemsPanel.js';
import { ProjectSwitcher } from '../projects/ProjectSwitcher.js';
import { QuickAdd } from './QuickAdd.js';
import { RunControls } from '../runs/RunControls.js';
import { ShortcutHelp } from './ShortcutHelp.js';
import { StepPanel } from '../runs/StepPanel.js';
import { SubflowTrail } from './SubflowTrail.js';
import { WorkflowList } from '../projects/WorkflowList.js';

/** The editor's header title: the project (switchable), a slash, then the workflow's name or "Editor". */
function EditorTitle({ children }: { children: ReactNode }): ReactElement {
  return (
    <div className="editor-title">
      <ProjectSwitcher />
      <span className="editor-title__slash" aria-hidden="true">/</span>
      <SubflowTrail />
      <h1 id="editor-title">{children}</h1>
    </div>
  );
}

export function EditorView(): ReactElement {
  const shown = useGraphStore((state) => state.shown);
  const loading = useGraphStore((state) => state.loading);
  if (shown === null) {
    return (
      <section className="view" aria-labelledby="editor-title">
        <header className="view__header">
          <div className="view__title">
            <EditorTitle>Editor</EditorTitle>
          </div>
        </header>
        {loading !== null ? <p className="muted empty">Opening {loading.name}…</p> : <ProjectWorkflows />}
      </section>
    );
  }
  return (
    <ReactFlowProvider key={`${shown.projectId}/${shown.name}/${shown.file}`}>
      <EditorWorkspace />
    </ReactFlowProvider>
  );
}

/** With nothing open: the current project's workflows to open, and a new one (saved in that project). */
function ProjectWorkflows(): ReactElement {
  const projectId = useAppStore((state) => state.projectId);
  const project = useProjectsStore((state) => state.projects.find((candidate) => candidate.id === projectId));
  const { newWorkflow } = useActions();
  // Until the app knows its project there is nowhere to create a workflow: say so rather than ignore the click.
  if (project === undefined) return <p className="muted empty">Choose a project above, or add one from Projects, to open or create its workflows.</p>;
  return (
    <div className="editor-start">
      <p className="muted">Open one of {project.name}’s workflows, or start a new one (saved in <span className="mono">{project.path}/.codomyrmex/workflows</span>).</p>
      <WorkflowList project={project} />
      <p><button type="button" className="button button--primary" onClick={() => void newWorkflow()}>New workflow…</button></p>
    </div>
  );
}

function EditorWorkspace(): ReactElement {
  const shown = useGraphStore((state) => state.shown)!;
  const dirty = useGraphStore(selectDirty);
  const description = useGraphStore((state) => state.workflow?.description);
  const selectedStep = useGraphStore((state) => state.selectedStep);
  const selectedGroup = useGraphStore(selectSelectedGroup);
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
    actions.addAction(info, { x: centre.x - NODE_WIDTH / 2, y: centre.y - NODE_HEIGHT / 2 }, true);
  }, [actions, screenToFlowPosition]);
  const hosts = useMemo(() => ({ pointer, canvas: canvasRef, openImport, exportYaml: () => exportAs('yaml') }), [openImport, exportAs]);
  useEditorShortcuts(hosts);

  return (
    <section className="view view--editor" aria-labelledby="editor-title">
      <header className="view__header">
        <div className="view__title">
          <EditorTitle>{dirty && <span className="dirty-mark" aria-label="unsaved changes" title="Unsaved changes">● </span>}{shown.name}</EditorTitle>
          {description ? <p className="muted" title={description}>{description}</p> : null}
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
        {selectedStep === null && selectedGroup !== null && <div className="side-panel"><GroupInspector id={selectedGroup} /></div>}
      </div>
      <ProblemsPanel />
      <QuickAdd />
      <ShortcutHelp />
    </section>
  );
}
