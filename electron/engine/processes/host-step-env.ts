// What a process host starts without and hands back to the commands it starts: variables Node acts on at its own
// start-up that a host, which never speaks TLS, has no use for.

/** NODE_EXTRA_CA_CERTS makes every Node process read and parse the certificates: ~30 ms of CPU, more than the rest of a host's start-up. */
const NOT_FOR_THE_HOST = ['NODE_EXTRA_CA_CERTS'];
/** Carries those variables past the host's start-up. */
const HOST_STEP_ENV = 'CODOMYRMEX_HOST_STEP_ENV';

/** The environment a host starts with: the commands' own, less what only slows the host's start-up. */
export function hostEnvironment(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const lean = { ...env };
  const kept: Record<string, string> = {};
  for (const key of NOT_FOR_THE_HOST) {
    const value = lean[key];
    if (value === undefined) continue;
    kept[key] = value;
    delete lean[key];
  }
  if (Object.keys(kept).length > 0) lean[HOST_STEP_ENV] = JSON.stringify(kept);
  return lean;
}

/** In the host: its environment as the engine had it, for the commands (changes `env` and returns it). */
export function restoreStepEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const carried = env[HOST_STEP_ENV];
  if (carried === undefined) return env;
  delete env[HOST_STEP_ENV];
  try {
    Object.assign(env, JSON.parse(carried) as Record<string, string>);
  } catch {
    // Not ours to read: the commands get the environment as it is.
  }
  return env;
}
