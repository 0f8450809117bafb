// The left navigation: one button per view (the current one marked aria-current), the session, and notices at its foot.
import type { ReactElement } from 'react';
import type { View } from './app-store.js';
import { CurrentSession } from '../sessions/CurrentSession.js';
import { useActions, useAppStore } from './hooks.js';
import { NoticeList } from './NoticeList.js';

const ITEMS: { view: View; label: string; icon: string }[] = [
  { view: 'projects', label: 'Projects', icon: '▦' },
  { view: 'editor', label: 'Editor', icon: '◇' },
  { view: 'runs', label: 'Runs', icon: '▷' },
  { view: 'sessions', label: 'Sessions', icon: '◎' },
  { view: 'resources', label: 'Resources', icon: '▤' },
  { view: 'logs', label: 'Engine log', icon: '≡' },
];

export function Nav(): ReactElement {
  const current = useAppStore((state) => state.view);
  const version = useAppStore((state) => state.info?.version);
  const { showView } = useActions();
  return (
    <nav className="nav" aria-label="Main">
      <div className="nav__brand">
        <span className="nav__logo" aria-hidden="true">◆</span>
        <span>Codomyrmex</span>
      </div>
      <ul className="nav__list">
        {ITEMS.map((item) => (
          <li key={item.view}>
            <button type="button" className="nav__item" aria-current={current === item.view ? 'page' : undefined} onClick={() => showView(item.view)}>
              <span className="nav__icon" aria-hidden="true">{item.icon}</span>
              {item.label}
            </button>
          </li>
        ))}
      </ul>
      <CurrentSession />
      <div className="nav__foot">
        <NoticeList />
        {/* Its line is kept until the version is known: the session above does not move when it comes. */}
        <div className="nav__version" aria-hidden={version === undefined ? true : undefined}>{version === undefined ? '\u00a0' : `v${version}`}</div>
      </div>
    </nav>
  );
}
