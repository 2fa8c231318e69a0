// Key combinations as the command registry writes them: modifiers then the key, joined by "+"
// ("Mod+Z", "Shift+L", "Shift+1", "?", "ArrowLeft"). `Mod` is Ctrl, or ⌘ on a Mac; a letter
// matches either case; a digit matches its key whatever Shift makes of it; a symbol such as
// "?" matches however it was typed.
interface Combo {
  mod: boolean;
  shift: boolean;
  key: string;
}

function parse(spec: string): Combo {
  const parts = spec.split('+');
  const key = parts.pop()!;
  return { mod: parts.includes('Mod'), shift: parts.includes('Shift'), key };
}

const isSymbol = (key: string) => key.length === 1 && !/[a-z0-9]/i.test(key);

export function keysMatch(spec: string, e: KeyboardEvent): boolean {
  const { mod, shift, key } = parse(spec);
  if ((e.ctrlKey || e.metaKey) !== mod) return false;
  if (isSymbol(key)) return e.key === key;
  if (e.altKey || e.shiftKey !== shift) return false;
  if (/^[0-9]$/.test(key)) return e.code === `Digit${key}`;
  if (/^[a-z]$/i.test(key)) return e.key.toLowerCase() === key.toLowerCase();
  return e.key === key;
}

const ARROW_SIGNS: Record<string, string> = { ArrowLeft: '←', ArrowRight: '→', ArrowUp: '↑', ArrowDown: '↓' };

export const onMac = () => typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform || navigator.userAgent);

/** A combination as a person reads it: "Ctrl+Z" (⌘+Z on a Mac), "Shift+L", "←". */
export function keyLabel(spec: string, mac = onMac()): string {
  return spec
    .split('+')
    .map((p) => (p === 'Mod' ? (mac ? '⌘' : 'Ctrl') : (ARROW_SIGNS[p] ?? p)))
    .join('+');
}

/** All of a command's keys for the help, leaving out a Shift variant of a key already listed. */
export function keysLabel(specs: readonly string[], mac = onMac()): string {
  return specs
    .filter((s) => !(s.startsWith('Shift+') && specs.includes(s.slice('Shift+'.length))))
    .map((s) => keyLabel(s, mac))
    .join(' / ');
}
