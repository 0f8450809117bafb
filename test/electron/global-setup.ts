// Says once, before any test, why the real-Electron suite is skipped here (the tests report it too).
import { electronBinary, SKIP_REASON_SUFFIX } from './electron-binary.js';

export default function globalSetup(): void {
  const binary = electronBinary();
  if (!binary.ok) console.log(`Skipping the Electron suite: Electron binary not installed (${binary.reason}): ${SKIP_REASON_SUFFIX}`);
}
