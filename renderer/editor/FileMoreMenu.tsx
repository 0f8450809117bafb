// The toolbar's ⋯ button, shown only where the toolbar is too narrow for Import and Export (a 1024-pixel window):
// the same three commands in a menu, so the toolbar stays one row and nothing is out of reach.
import { useCallback, useRef, useState, type ReactElement } from 'react';
import { Menu, MenuItem, type MenuAt } from '../ui/Menu.js';

interface Props {
  canImport: boolean;
  into: string;
  openImport(): void;
  exportAs(format: 'yaml' | 'json'): void;
}

export function FileMoreMenu({ canImport, into, openImport, exportAs }: Props): ReactElement {
  const [at, setAt] = useState<MenuAt | null>(null);
  const button = useRef<HTMLButtonElement>(null);
  const close = useCallback(() => {
    setAt(null);
    button.current?.focus();
  }, []);
  const open = (): void => {
    const box = button.current?.getBoundingClientRect();
    if (box !== undefined) setAt({ x: box.left, y: box.bottom + 4 });
  };
  return (
    <>
      <button ref={button} type="button" className="button button--small toolbar__narrow" aria-label="More file commands" aria-haspopup="menu" aria-expanded={at !== null} title="Import and export" onClick={() => (at === null ? open() : close())}>⋯</button>
      {at !== null && (
        <Menu at={at} label="File" onClose={close}>
          <MenuItem label="Import…" hint={`A YAML or JSON file${into} (Alt+O)`} disabled={!canImport} onClose={close} onSelect={openImport} />
          <MenuItem label="Export YAML" hint="Download the workflow as YAML (Alt+E)" onClose={close} onSelect={() => exportAs('yaml')} />
          <MenuItem label="Export JSON" hint="Download the workflow as JSON" onClose={close} onSelect={() => exportAs('json')} />
        </Menu>
      )}
    </>
  );
}
