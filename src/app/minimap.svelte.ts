// Whether the canvas shows its minimap: a preference of this browser, kept across reloads, so
// someone who hid it once (it covers the corner of the canvas) is not shown it again.
const KEY = 'mlsd.minimap';

function stored(): boolean {
  try {
    return (typeof localStorage === 'undefined' ? null : localStorage.getItem(KEY)) !== 'hidden';
  } catch {
    return true; // storage refused (private mode, blocked): shown, as by default
  }
}

class MinimapPreference {
  shown = $state(stored());
  /** Whether the canvas is large enough for it (see `fits`); set by the canvas as it resizes. */
  roomy = $state(true);

  /** Shown, and the canvas has room for it. */
  get visible(): boolean {
    return this.shown && this.roomy;
  }

  /**
   * A canvas less than three minimaps wide or high (the results or the timeline open on a small
   * screen) would lose a large part of the design under it: there it stays out of the way,
   * whatever the preference, and comes back when the canvas grows again.
   */
  fits(width: number, height: number): void {
    const roomy = width >= 3 * (MINIMAP_BOX.width + 2 * MINIMAP_BOX.margin) && height >= 3 * (MINIMAP_BOX.height + 2 * MINIMAP_BOX.margin);
    if (roomy !== this.roomy) this.roomy = roomy;
  }

  toggle(): void {
    this.shown = !this.shown;
    try {
      localStorage.setItem(KEY, this.shown ? 'shown' : 'hidden');
    } catch {
      // Not remembered across reloads; it still toggles now.
    }
  }
}

export const minimap = new MinimapPreference();

/** The minimap's box on the canvas (MiniMap.svelte) and its distance from the corner, in px. */
export const MINIMAP_BOX = { width: 200, height: 140, margin: 12 } as const;

/**
 * Padding for fitting a design in view: the usual share on every side and, with the minimap
 * shown, its height along the bottom, so no fitted component sits under it.
 */
export function fitPadding(share: number): number | { top: number; left: number; right: number; bottom: `${number}px` } {
  if (!minimap.visible) return share;
  return { top: share, left: share, right: share, bottom: `${MINIMAP_BOX.height + MINIMAP_BOX.margin * 2}px` as const };
}
