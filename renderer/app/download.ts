// Saves text as a file through a Blob link: allowed under the app's CSP, no server round trip.
export function downloadText(text: string, fileName: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.click();
  // Revoked on the next turn: the click has handed the URL to the download by then.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

/** Saves a big text given in parts (a log read slice by slice) without joining it into one string first. */
export function downloadParts(parts: readonly string[], fileName: string, type: string): void {
  const url = URL.createObjectURL(new Blob(parts as string[], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
