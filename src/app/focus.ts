// Keyboard focus across the page's areas. F6 moves between them (toolbar, components, canvas,
// the scenario timeline when open, inspector, results) the way browsers and desktop apps do,
// so Tab never has to walk the whole toolbar and palette to reach a component; Enter on a
// selection goes to the inspector's fields.

/** The page's areas in the order F6 visits them (document order). */
const CANVAS = '[role="application"]';
const AREAS = `header.toolbar, main > aside, ${CANVAS}, section.timeline, section.results`;
const FOCUSABLE = 'button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), a[href], [tabindex]:not([tabindex="-1"])';

const visible = (el: Element) => (el as HTMLElement).offsetParent !== null || getComputedStyle(el).position === 'fixed';

function areas(): HTMLElement[] {
  const all = [...document.querySelectorAll<HTMLElement>(AREAS)].filter(visible);
  // The canvas library's own application region sits inside ours: one area, not two.
  return all.filter((a) => !all.some((o) => o !== a && o.contains(a)));
}

function focusFirst(area: HTMLElement): void {
  const target = [...area.querySelectorAll<HTMLElement>(FOCUSABLE)].find(visible);
  if (target) return target.focus();
  // An area with nothing to focus (an empty canvas) takes the focus itself.
  if (!area.hasAttribute('tabindex')) area.tabIndex = -1;
  area.focus();
}

/**
 * Moves focus to the next area (`step` 1) or the previous one (-1), wrapping around. The canvas
 * chooses its own target (`focusCanvas`: the selected component, else the first; false when empty).
 */
export function cycleArea(step: 1 | -1, focusCanvas: () => boolean = () => false): void {
  const list = areas();
  if (list.length === 0) return;
  const here = list.findIndex((a) => a.contains(document.activeElement));
  const next = list[here < 0 ? (step > 0 ? 0 : list.length - 1) : (here + step + list.length) % list.length];
  if (next.matches(CANVAS) && focusCanvas()) return;
  focusFirst(next);
}

/** Focuses the inspector's first field (the selection's label, or a connection's mode). */
export function focusInspector(): boolean {
  const field = document.querySelector<HTMLElement>('aside.inspector :is(input, select, textarea):not([disabled])');
  field?.focus();
  return !!field;
}
