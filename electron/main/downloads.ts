// Downloads the page starts (a workflow exported or a log saved through `<a download>` on a blob: URL): Electron's
// save dialog, opening in the Downloads folder on the page's file name. A download from anywhere else is cancelled.
import { basename, join } from 'node:path';
import type { DownloadItem, Event, Session } from 'electron';
import { isAppUrl, type AppLocation } from './app-location.js';

/** A blob: URL the app's page made (`blob:app://codomyrmex/<uuid>`), or a file of the app itself. */
export function isAppDownload(url: string, location: AppLocation): boolean {
  if (url.startsWith('blob:')) return isAppUrl(url.slice('blob:'.length), location);
  return isAppUrl(url, location);
}

/** The dialog a download opens: titled after the file, in the Downloads folder, on the name the page gave it. */
export function saveDialogFor(fileName: string, downloadsFolder: string): Electron.SaveDialogOptions {
  // Chromium already strips separators from the `download` name; basename keeps it so whatever the page says.
  const name = basename(fileName) || 'download';
  return { title: `Save ${name}`, defaultPath: join(downloadsFolder, name) };
}

export function handleDownloads(session: Pick<Session, 'on'>, location: AppLocation, downloadsFolder: () => string): void {
  session.on('will-download', (event: Event, item: DownloadItem) => {
    if (!isAppDownload(item.getURL(), location)) {
      event.preventDefault();
      return;
    }
    // Without a save path Electron asks where to save, with these options.
    item.setSaveDialogOptions(saveDialogFor(item.getFilename(), downloadsFolder()));
  });
}
