// What the Projects dashboard shows: each project with the health of its workflows, its history, the templates.
import type { ExecutionStatus, Project } from './model.js';

export interface DailyRuns {
  /** Local calendar day, YYYY-MM-DD. */
  day: string;
  completed: number;
  failed: number;
  /** Cancelled, interrupted or still running. */
  other: number;
  medianMs: number | null;
}

export interface LastRun {
  executionId: string;
  status: ExecutionStatus;
  startTime: number;
  durationMs: number | null;
}

export interface WorkflowHealth {
  workflowName: string;
  lastRun: LastRun | null;
  /** Runs that started in the window. */
  runs: number;
  /** Completed among the finished runs of the window, 0..1; null without any. */
  successRate: number | null;
  medianDurationMs: number | null;
  /** One entry per day of the window, oldest first (days without runs included, so charts line up). */
  daily: DailyRuns[];
}

export interface ProjectCard {
  project: Project;
  /** The folder is gone (moved or deleted): shown as missing, never dropped. */
  missing: boolean;
  /** Every workflow file of the project, and every workflow with runs, with its health. */
  workflows: (WorkflowHealth & { hasFile: boolean })[];
}

/** A project's history: runs per day by status, and each run's duration, for the project page's charts. */
export interface ProjectHistory {
  daily: DailyRuns[];
  durations: { executionId: string; workflowName: string; startTime: number; durationMs: number; status: ExecutionStatus }[];
}

export interface TemplateInfo {
  name: string;
  description: string;
  workflows: string[];
  builtin: boolean;
}

/** Browser mode's page ends with the dashboard's cards as JSON in the element of this id, for the app's first render. */
export const FIRST_VIEW_ID = 'codomyrmex-first-view';
