// The real-Electron suite (`npm run test:electron`): drives dist/electron/main.js with Playwright's _electron.
// Never a browser: no Chromium here; where no Electron binary is installed every test skips with the reason.
import { join } from 'node:path';
import { defineConfig } from '@playwright/test';

export default defineConfig({
  testDir: '.',
  testMatch: '*.spec.ts',
  outputDir: join(import.meta.dirname, '..', '..', 'test-results', 'electron'),
  globalSetup: './global-setup.ts',
  timeout: 90_000,
  expect: { timeout: 20_000 },
  workers: 1,
  reporter: [['list']],
  use: { screenshot: 'off', trace: 'retain-on-failure' },
});
