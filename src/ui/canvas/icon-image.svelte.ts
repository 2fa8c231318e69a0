// Components' icons as images: the catalog icon's own SVG, drawn once into a detached element in
// the canvas's icon colour, as a data URL that the icon's element shows as its background (no
// element of its own, so no <img> or <svg> inside a component). An inline SVG per component is a
// drawing of its own (a scaled view box, its own clip) that the browser layers and rasterizes
// again for every one of hundreds in view whenever anything near it changes; the same picture
// as an image is drawn from one cached copy. The colour is written in, as an image inherits
// none: the canvas reads it from its style sheet (--icon) and sets it here. Until an icon is
// drawn, a component shows it inline.
import { flushSync, getContext, mount, setContext, unmount } from 'svelte';
import CatalogIcon from '../icons/CatalogIcon.svelte';

/** The size a component draws its icon at, in px. */
export const ICON_SIZE = 22;

function draw(id: string, color: string): string {
  const host = document.createElement('div');
  const shown = mount(CatalogIcon, { target: host, props: { icon: id, size: ICON_SIZE } });
  try {
    flushSync();
    const svg = host.querySelector('svg')!;
    svg.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
    return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg.outerHTML.replaceAll('currentColor', color))}`;
  } finally {
    void unmount(shown);
  }
}

export class IconImages {
  private urls = $state.raw<ReadonlyMap<string, string>>(new Map());
  private color = '';
  private readonly wanted = new Set<string>();

  /** The icon `id` as an image URL, or undefined until it is drawn (asking draws it soon). */
  url(id: string): string | undefined {
    const url = this.urls.get(id);
    if (url === undefined && this.color && !this.wanted.has(id)) {
      // Drawn outside the render that asked: mounting a component is not allowed inside one.
      if (this.wanted.size === 0) queueMicrotask(() => this.drawWanted());
      this.wanted.add(id);
    }
    return url;
  }

  /** The theme's icon colour: a new one draws every icon again. */
  setColor(color: string): void {
    if (color === this.color) return;
    this.color = color;
    this.wanted.clear();
    this.urls = new Map();
  }

  private drawWanted(): void {
    const next = new Map(this.urls);
    for (const id of this.wanted) next.set(id, draw(id, this.color));
    this.wanted.clear();
    this.urls = next;
  }
}

const KEY = Symbol('canvas-icon-images');

export function provideIconImages(icons: IconImages): void {
  setContext(KEY, icons);
}

export function iconImagesOf(): IconImages | undefined {
  return getContext<IconImages | undefined>(KEY);
}
