// The canvas colours of both themes (src/ui/styles.css), as plain values: an exported picture
// is read without our style sheet, so every colour is written into it.

export type PictureTheme = 'light' | 'dark';

export interface Palette {
  bg: string;
  fg: string;
  muted: string;
  panel: string;
  border: string;
  accent: string;
  onAccent: string;
  icon: string;
  nodeBg: string;
  nodeBorder: string;
  /** Frames are tinted with the accent at a low opacity. */
  frameTint: string;
  frameOpacity: number;
  frameBorder: string;
  noteBg: string;
  ok: string;
  warn: string;
  bad: string;
  badBg: string;
}

export const PALETTES: Record<PictureTheme, Palette> = {
  light: {
    bg: '#f6f7f9',
    fg: '#1d2330',
    muted: '#5d6678',
    panel: '#ffffff',
    border: '#dde1e8',
    accent: '#2f5fe0',
    onAccent: '#ffffff',
    icon: '#34425e',
    nodeBg: '#ffffff',
    nodeBorder: '#b9c1cf',
    frameTint: '#3a6ff7',
    frameOpacity: 0.04,
    frameBorder: '#9fb2da',
    noteBg: '#fff6c7',
    ok: '#15803d',
    warn: '#a86a00',
    bad: '#c4323a',
    badBg: '#fde7e8',
  },
  dark: {
    bg: '#14171d',
    fg: '#e6e9ef',
    muted: '#9aa3b5',
    panel: '#1b1f27',
    border: '#2e3440',
    accent: '#6e95ff',
    onAccent: '#0d1220',
    icon: '#c7d0e0',
    nodeBg: '#222834',
    nodeBorder: '#465067',
    frameTint: '#6e95ff',
    frameOpacity: 0.06,
    frameBorder: '#4e5f86',
    noteBg: '#4a4426',
    ok: '#3fbf78',
    warn: '#e8b64a',
    bad: '#f07075',
    badBg: '#4b2224',
  },
};

/** Fonts found on every desktop: DejaVu on Linux, Helvetica on macOS, Arial on Windows. */
export const FONT_STACK = "'DejaVu Sans', Helvetica, Arial, sans-serif";
