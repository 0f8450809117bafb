// The desktop notification door: the HTML5 Notification API, which Electron shows natively and a browser shows when
// the user allowed it. Absent (tests, old browsers) it reports 'unsupported' and shows nothing.
import type { Permission } from '../runs/run-notifications.js';

export interface Notifier {
  permission(): Permission;
  request(): Promise<Permission>;
  show(title: string, body: string): void;
}

const api = (): typeof Notification | undefined => (typeof Notification === 'undefined' ? undefined : Notification);

export const browserNotifier: Notifier = {
  permission: () => api()?.permission ?? 'unsupported',
  request: async () => {
    const door = api();
    if (door === undefined) return 'unsupported';
    try {
      return await door.requestPermission();
    } catch {
      return door.permission;
    }
  },
  show: (title, body) => {
    const Door = api();
    if (Door === undefined || Door.permission !== 'granted') return;
    try {
      new Door(title, { body, tag: title });
    } catch {
      // Some browsers allow notifications from a service worker only; the title count still says it.
    }
  },
};
