// The questions actions ask the user (confirm, a name); the browser's own dialogs by default, fakes in tests.
export interface Dialogs {
  confirm(message: string): boolean;
  prompt(message: string, initial?: string): string | null;
}

export const browserDialogs: Dialogs = {
  confirm: (message) => window.confirm(message),
  prompt: (message, initial) => window.prompt(message, initial),
};
