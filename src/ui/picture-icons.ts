// The catalog's icons as SVG markup for an exported picture. Line icons exist only as Svelte
// components, so each is drawn once into a detached element and its shapes are copied out,
// keeping only geometry attributes (the picture sets the colours).
import { flushSync, mount, unmount } from 'svelte';
import CatalogIcon from './icons/CatalogIcon.svelte';
import { xmlText, type PictureIcon } from '../app/exports';

const SHAPES = 'path, circle, ellipse, rect, line, polyline, polygon';
const GEOMETRY = new Set(['d', 'cx', 'cy', 'r', 'rx', 'ry', 'x', 'y', 'width', 'height', 'points', 'x1', 'y1', 'x2', 'y2']);
const cache = new Map<string, PictureIcon | undefined>();

function draw(id: string): PictureIcon | undefined {
  const host = document.createElement('div');
  const shown = mount(CatalogIcon, { target: host, props: { icon: id, size: 24 } });
  try {
    flushSync();
    const svg = host.querySelector('svg');
    if (!svg) return undefined;
    const body = [...svg.querySelectorAll(SHAPES)]
      .map((el) => {
        const attrs = [...el.attributes].filter((a) => GEOMETRY.has(a.name)).map((a) => ` ${a.name}="${xmlText(a.value)}"`);
        return `<${el.localName}${attrs.join('')}/>`;
      })
      .join('');
    return { body, style: svg.getAttribute('fill') === 'none' ? 'stroke' : 'fill' };
  } finally {
    void unmount(shown);
  }
}

/** The icon `id` (e.g. `lucide:database`, `si:redis`) as picture markup. */
export function pictureIcon(id: string): PictureIcon | undefined {
  if (!cache.has(id)) cache.set(id, draw(id));
  return cache.get(id);
}
