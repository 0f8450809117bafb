// The questions actions ask the user, answered in the app's own dialogs (Electron has no window.prompt; see
// stores/dialog-store.ts): each resolves when the user answers, so an action awaits its question like any other call.
export interface ConfirmQuestion {
  title: string;
  message: string;
  /** The button that agrees, named after what it does ("Discard", "Forget"). */
  confirmLabel: string;
  danger?: boolean;
}

export interface PromptQuestion {
  title: string;
  label: string;
  initial?: string;
  /** A line under the field saying where the answer goes (e.g. the target project). */
  hint?: string;
  submitLabel: string;
  /** Why the value cannot be accepted, shown inside the dialog; null when it can. */
  validate(value: string): string | null;
}

/** A folder the app could not open on this machine: the reason, and the path to copy. */
export interface PathNotice {
  title: string;
  reason: string;
  path: string;
}

export interface Dialogs {
  confirm(question: ConfirmQuestion): Promise<boolean>;
  /** The trimmed answer, or null when cancelled. */
  prompt(question: PromptQuestion): Promise<string | null>;
  showPath(notice: PathNotice): Promise<void>;
}
