// The engine names an icon per action ("terminal", "clock"); the palette shows it as one glyph.
const GLYPHS: Record<string, string> = {
  terminal: '❯', clock: '◷', circle: '○', 'x-circle': '⊗', file: '▤', 'file-text': '▤', globe: '◍', search: '⌕', workflow: '⧉', settings: '⚙',
};

export const actionGlyph = (icon: string): string => GLYPHS[icon] ?? '◆';
