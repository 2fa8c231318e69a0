/** A command the command palette (Ctrl/Cmd+K) offers besides adding components. */
export interface PaletteAction {
  id: string;
  label: string;
  hint?: string;
  run: () => void;
}
