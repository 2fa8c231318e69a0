// The brand logos the catalog names (`si:<slug>` in components-catalog/), as markup the build
// puts in the page: a hidden SVG holding each logo's path under the id `si-<slug>`, which the
// icon component reads (src/ui/icons/icons.ts). The logos are there for the first screen without
// being JavaScript the app must load first. simple-icons' data is CC0; only the paths are kept.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
const SIMPLE_ICONS = dirname(require.resolve('simple-icons/icons/redis.svg'));

/** The slugs of the brand logos the catalog's files name, sorted. */
export function brandSlugs(catalogDir: string): string[] {
  const slugs = new Set<string>();
  for (const folder of readdirSync(catalogDir)) {
    const dir = join(catalogDir, folder);
    if (!statSync(dir).isDirectory()) continue;
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.json'))) {
      const icon: unknown = JSON.parse(readFileSync(join(dir, file), 'utf8')).icon;
      if (typeof icon === 'string' && icon.startsWith('si:')) slugs.add(icon.slice(3));
    }
  }
  return [...slugs].sort();
}

/** The path of a simple-icons logo (24 × 24 view box); throws for a slug it does not have. */
export function brandPath(slug: string): string {
  if (!/^[a-z0-9]+$/.test(slug)) throw new Error(`"${slug}" is not a simple-icons slug`);
  const svg = readFileSync(join(SIMPLE_ICONS, `${slug}.svg`), 'utf8');
  const d = /<path d="([^"]+)"/.exec(svg)?.[1];
  if (!d) throw new Error(`simple-icons' ${slug}.svg has no path`);
  return d;
}

/** Every brand logo the catalog names, in an SVG the page does not show. */
export function brandIconsMarkup(catalogDir: string): string {
  const paths = brandSlugs(catalogDir).map((slug) => `<path id="si-${slug}" d="${brandPath(slug)}"/>`);
  return `<div id="brand-icons" hidden><svg>${paths.join('')}</svg></div>`;
}
