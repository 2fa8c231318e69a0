// The brand logos the build puts in the page: every `si:` icon of the catalog, with simple-icons'
// own path, and nothing else in the markup.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as simpleIcons from 'simple-icons';
import { describe, expect, it } from 'vitest';
import { brandIconsMarkup, brandPath, brandSlugs } from '../../../scripts/brand-icons';

const CATALOG = join(import.meta.dirname, '../../../components-catalog');

const catalogIcons = readdirSync(CATALOG, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .flatMap((d) => readdirSync(join(CATALOG, d.name)).map((f) => JSON.parse(readFileSync(join(CATALOG, d.name, f), 'utf8')).icon as string));

const packaged = new Map(Object.values(simpleIcons).map((i) => [i.slug, i.path]));

describe('the brand logos in the page', () => {
  it('are every simple-icons logo the catalog names, each once', () => {
    const named = [...new Set(catalogIcons.filter((i) => i.startsWith('si:')).map((i) => i.slice(3)))].sort();
    expect(named.length).toBeGreaterThan(10);
    expect(brandSlugs(CATALOG)).toEqual(named);
  });

  it('hold the path simple-icons gives each logo, under the id the icon component looks up', () => {
    const markup = brandIconsMarkup(CATALOG);
    const paths = [...markup.matchAll(/<path id="si-([a-z0-9]+)" d="([^"]+)"\/>/g)];
    expect(paths.map((m) => m[1])).toEqual(brandSlugs(CATALOG));
    for (const [, slug, d] of paths) expect(d, slug).toBe(packaged.get(slug));
    // A hidden SVG and its paths: no text, no attribute that runs anything.
    expect(markup.replace(/<path id="si-[a-z0-9]+" d="[^"]+"\/>/g, '')).toBe('<div id="brand-icons" hidden><svg></svg></div>');
  });

  it('refuses a slug simple-icons does not have', () => {
    expect(() => brandPath('no-such-logo')).toThrow();
    expect(() => brandPath('nosuchlogo')).toThrow();
  });
});
