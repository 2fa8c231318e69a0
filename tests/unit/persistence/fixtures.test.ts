// Every released format version keeps opening: one fixture per version goes through restore().
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { restore } from '../../../src/persistence/restore';
import { catalog } from '../../../src/catalog';
import { FORMAT_VERSION } from '../../../src/model/design';
import { decodeShareLink, SHARE_VERSION } from '../../../src/persistence/share-link';

const dir = join(import.meta.dirname, '../../fixtures');
const files = readdirSync(dir).filter((f) => /^v\d+-.*\.json$/.test(f));

describe('format fixtures', () => {
  it('has a fixture of every released version, so a format change cannot skip one', () => {
    const versions = new Set(files.map((f) => f.split('-')[0]));
    for (let v = 1; v <= FORMAT_VERSION; v++) expect(versions, `tests/fixtures/v${v}-*.json`).toContain(`v${v}`);
  });

  it('has a share link of every link version, and each opens', async () => {
    const links = readdirSync(dir).filter((f) => /^share-link-v\d+\.txt$/.test(f));
    expect(links.map((f) => f.match(/v(\d+)/)![1])).toContain(SHARE_VERSION);
    for (const f of links) {
      const r = await decodeShareLink(readFileSync(join(dir, f), 'utf8'), { defaultsFor: (k) => catalog.defaultsFor(k) });
      if (!r.ok) throw new Error(`${f}: ${r.error}`);
      expect(r.design.nodes.length, f).toBeGreaterThan(0);
    }
  });

  it.each(files)('%s opens through restore()', (file) => {
    const r = restore(readFileSync(join(dir, file), 'utf8'), { defaultsFor: (k) => catalog.defaultsFor(k) });
    if (!r.ok) throw new Error(r.error);
    expect(r.design.version).toBe(1);
    expect(r.design.nodes.length).toBeGreaterThan(0);
    // Catalog defaults fill what the file leaves out, and unknown kinds keep their parameters.
    const rec = r.design.nodes.find((n) => n.id === 'rec');
    expect(rec?.params.replicas).toBe(4);
    expect(r.warnings.some((w) => w.includes('quantum-ranker'))).toBe(true);
    expect(r.design.nodes.find((n) => n.id === 'future')!.params).toEqual({ replicas: 2, service: { dist: 'constant', meanMs: 3 } });
  });
});
