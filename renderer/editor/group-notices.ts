// A workflow's groups as it is opened: what `ui.groups` names that cannot be drawn (a step deleted by hand, a broken
// entry) is dropped, and the user told so in one notice — never an error, since groups change nothing in a run.
import { pruneGroups, readGroups } from '../../shared/workflow-groups.js';
import type { Workflow } from '../../shared/model.js';
import type { NoticeStore } from '../app/notice-store.js';

export function tidyGroups(workflow: Workflow, notices: NoticeStore): Workflow {
  const { notices: dropped } = readGroups(workflow);
  if (dropped.length === 0) return workflow;
  notices.getState().report({ message: `Groups of ${workflow.name}: ${dropped.join('; ')}`, code: 'info', problems: [] });
  return pruneGroups(workflow);
}
