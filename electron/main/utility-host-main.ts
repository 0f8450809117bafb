// The entry of dist/electron/utility-host.js: what main's utility-process launcher forks (see utility-host.ts).
import { runUtilityHost } from './utility-host.js';

runUtilityHost().catch((error: unknown) => {
  console.error('Codomyrmex process host failed to start:', error);
  process.exit(1);
});
