// Electron's entry point (dist/electron/main.js): starts the app; everything else lives in the modules beside it.
import { launchApp } from './app.js';

launchApp().catch((error: unknown) => {
  console.error('Codomyrmex Orchestrator failed to start:', error);
  process.exit(1);
});
