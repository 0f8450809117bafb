// Answering the app's own dialogs (never the browser's: Electron has no window.prompt), by role and label as a user
// would, and a watch that fails a test on any console error or native dialog.
import { expect, type Page } from '@playwright/test';

/** Types `name` into the open name dialog (titled `title`) and submits it with Enter; the dialog must close. */
export async function answerName(page: Page, title: string, name: string): Promise<void> {
  const dialog = page.getByRole('dialog', { name: title });
  await dialog.getByRole('textbox', { name: 'Workflow name' }).fill(name);
  await dialog.getByRole('textbox', { name: 'Workflow name' }).press('Enter');
  await expect(dialog).toBeHidden();
}

/** Answers the open "Discard unsaved changes?" question. */
export async function answerDiscard(page: Page, discard: boolean): Promise<void> {
  const dialog = page.getByRole('dialog', { name: 'Discard unsaved changes?' });
  await dialog.getByRole('button', { name: discard ? 'Discard changes' : 'Cancel' }).click();
  await expect(dialog).toBeHidden();
}

/** Collects console errors, uncaught page errors and native dialogs (alert, confirm, prompt) from now on. */
export function watchPage(page: Page): { problems: string[] } {
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('dialog', (dialog) => {
    problems.push(`native ${dialog.type()} dialog: ${dialog.message()}`);
    void dialog.dismiss();
  });
  return { problems };
}
