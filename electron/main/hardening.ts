// The window's security: locked-down webPreferences, a strict CSP on every response, and no navigation, new
// windows or permissions the app does not need. The policies are pure so tests can pin every flag.
import type { BrowserWindowConstructorOptions, Session, WebContents, WebPreferences } from 'electron';
import { isAppUrl, type AppLocation } from './app-location.js';

export const CSP_DIRECTIVES = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
] as const;

/** The policy for the built app; the Vite dev server additionally needs its HMR socket and inline preamble. */
export function contentSecurityPolicy(location: AppLocation): string {
  if (location.kind === 'app') return CSP_DIRECTIVES.join('; ');
  const ws = location.origin.replace(/^http/, 'ws');
  return CSP_DIRECTIVES.map((directive) => {
    if (directive.startsWith('script-src')) return `${directive} 'unsafe-inline' ${location.origin}`;
    if (directive.startsWith('connect-src')) return `${directive} ${location.origin} ${ws}`;
    return directive;
  }).join('; ');
}

/** DevTools only in development: a packaged app has no DevTools, whatever the menu or a shortcut asks. */
export function secureWebPreferences(preload: string, devTools = false): WebPreferences {
  return {
    preload,
    devTools,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    experimentalFeatures: false,
    navigateOnDragDrop: false,
    spellcheck: false,
  };
}

/** The one window's options; its bounds come from the saved window state. */
export function windowOptions(preload: string, bounds: { x?: number; y?: number; width: number; height: number }, devTools = false): BrowserWindowConstructorOptions {
  return {
    ...bounds,
    minWidth: 800,
    minHeight: 560,
    title: 'Codomyrmex Orchestrator',
    backgroundColor: '#111418',
    // Shown once the first paint is ready, so the window never flashes white.
    show: false,
    webPreferences: secureWebPreferences(preload, devTools),
  };
}

/** Response headers with our CSP, replacing any the response carried (whatever its header name's case). */
export function withCsp(headers: Record<string, string[]> | undefined, policy: string): Record<string, string[]> {
  const result: Record<string, string[]> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (name.toLowerCase() !== 'content-security-policy') result[name] = value;
  }
  result['Content-Security-Policy'] = [policy];
  return result;
}

/** Navigation stays on the app's own page; anything else is prevented. */
export function allowNavigation(url: string, location: AppLocation): boolean {
  return isAppUrl(url, location);
}

/** Only plain web links may leave the app, and only to the OS browser. */
export function isExternalWebLink(url: string): boolean {
  try {
    const { protocol } = new URL(url);
    return protocol === 'https:' || protocol === 'http:';
  } catch {
    return false;
  }
}

/**
 * The permissions the app's own page uses: notifications (a run's end) and the clipboard (Copy, Paste, a log's
 * "Copy all" — through the web API, as in browser mode). Camera, geolocation, fullscreen… and any other page: refused.
 */
export const ALLOWED_PERMISSIONS: readonly string[] = ['notifications', 'clipboard-read', 'clipboard-sanitized-write'];

export function allowPermission(permission: string, requestingUrl: string, location: AppLocation): boolean {
  return ALLOWED_PERMISSIONS.includes(permission) && isAppUrl(requestingUrl, location);
}

export interface Shell {
  openExternal(url: string): Promise<void>;
}

/** Sets the CSP and permission handlers on the session (once per process). */
export function hardenSession(session: Session, location: AppLocation): void {
  const policy = contentSecurityPolicy(location);
  session.webRequest.onHeadersReceived((details, callback) => callback({ responseHeaders: withCsp(details.responseHeaders, policy) }));
  session.setPermissionRequestHandler((_contents, permission, callback, details) => callback(allowPermission(permission, details.requestingUrl, location)));
  session.setPermissionCheckHandler((_contents, permission, requestingOrigin, details) => allowPermission(permission, details.requestingUrl ?? requestingOrigin, location));
}

/** Blocks navigation away from the app and every new window; web links open in the OS browser. */
export function hardenContents(contents: WebContents, location: AppLocation, shell: Shell): void {
  const refuse = (event: { preventDefault(): void }, url: string): void => {
    if (!allowNavigation(url, location)) event.preventDefault();
  };
  contents.on('will-navigate', refuse);
  contents.on('will-redirect', refuse);
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    if (isExternalWebLink(url)) void shell.openExternal(url).catch(() => undefined);
    return { action: 'deny' };
  });
}
