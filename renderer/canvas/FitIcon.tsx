// The zoom controls' "fit" glyph (four corners), for the fit button both canvases draw themselves (FitOnRequest.tsx).
import type { ReactElement } from 'react';

export function FitIcon(): ReactElement {
  return (
    <svg viewBox="0 0 16 16" aria-hidden="true" fill="none" stroke="currentColor" strokeWidth="1.8">
      <path d="M1.5 5.5v-4h4M10.5 1.5h4v4M14.5 10.5v4h-4M5.5 14.5h-4v-4" />
    </svg>
  );
}
