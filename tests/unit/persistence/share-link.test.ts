import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { deflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { compactDesign, DAMAGED_LINK, decodeShareLink, encodeShareLink, SHARE_PREFIX } from '../../../src/persistence/share-link';
import { crc32 } from '../../../src/persistence/png-chunk';
import { bytesToBase64url } from '../../../src/persistence/base64url';
import { restore } from '../../../src/persistence/restore';
import { catalog } from '../../../src/catalog';
import { loadTemplate, TEMPLATES } from '../../../src/templates';
import type { Design } from '../../../src/model/design';

const opts = { defaultsFor: (k: string) => catalog.defaultsFor(k) };
const fixture = readFileSync(join(import.meta.dirname, '../../fixtures/v1-design.json'), 'utf8');

function restored(text: string): Design {
  const r = restore(text, opts);
  if (!r.ok) throw new Error(r.error);
  return r.design;
}

const linkOf = (json: string) => `${SHARE_PREFIX}1.${bytesToBase64url(deflateRawSync(Buffer.from(json)))}`;

async function error(link: string): Promise<string> {
  const r = await decodeShareLink(link, opts);
  if (r.ok) throw new Error('expected an error');
  return r.error;
}

describe('share links', () => {
  it('round-trip a design: the decoded design equals the restored original', async () => {
    const design = restored(fixture);
    const link = await encodeShareLink(design, opts);
    expect(link).toMatch(/^#d=2\.[0-9a-f]{8}\.[A-Za-z0-9_-]+$/);
    const r = await decodeShareLink(`https://example.org/app/${link}`, opts);
    if (!r.ok) throw new Error(r.error);
    expect(r.design).toEqual(design);
  });

  it('accepts a hash, a full URL and the bare payload', async () => {
    const link = await encodeShareLink(restored(fixture), opts);
    for (const form of [link, `http://localhost:4173/${link}`, link.slice(1), link.slice(SHARE_PREFIX.length)]) {
      expect((await decodeShareLink(form, opts)).ok, form.slice(0, 30)).toBe(true);
    }
  });

  it('rounds positions and leaves out catalog defaults and the default connection mode', () => {
    const design = restored(fixture);
    design.nodes[1] = { ...design.nodes[1], position: { x: 10.4, y: 20.6 } };
    const compact = compactDesign(design, opts) as { nodes: { id: string; position: unknown; params?: unknown }[]; edges: { params?: unknown }[] };
    const users = compact.nodes.find((n) => n.id === 'users')!;
    expect(users.position).toEqual({ x: 10, y: 21 });
    // 2000 rps differs from the client default; the arrival process is the default one.
    expect(users.params).toEqual({ rps: 2000 });
    expect(compact.nodes.find((n) => n.id === 'g1')!.params).toBeUndefined();
    expect(compact.edges[0].params).toEqual({ probability: 1, networkMs: 1 });
    expect(compact.edges[1].params).toEqual({ mode: 'async' });
    // Unknown kinds keep all their parameters: nothing can fill them back in.
    expect(compact.nodes.find((n) => n.id === 'future')!.params).toEqual({ replicas: 2, service: { dist: 'constant', meanMs: 3 } });
    expect(compact).not.toHaveProperty('format');
  });

  it('keeps nested parameters that differ from the defaults, one level down', async () => {
    const design = restored(fixture);
    const rec = design.nodes.find((n) => n.id === 'rec')!;
    const defaults = catalog.defaultsFor('ranking-service')!;
    rec.params = { ...defaults, service: { ...(defaults.service as object), meanMs: 99 } } as Design['nodes'][0]['params'];
    const compact = compactDesign(design, opts) as { nodes: { id: string; params?: unknown }[] };
    expect(compact.nodes.find((n) => n.id === 'rec')!.params).toEqual({ service: { meanMs: 99 } });
    const r = await decodeShareLink(await encodeShareLink(design, opts), opts);
    if (!r.ok) throw new Error(r.error);
    expect(r.design.nodes.find((n) => n.id === 'rec')!.params).toEqual(rec.params);
  });

  it('keeps a 30-component design under 2,000 characters', async () => {
    const kinds = catalog.kinds.slice(0, 30);
    const design: Design = {
      format: 'mlsd-design', version: 1, name: 'Thirty', notes: {},
      nodes: kinds.map((k, i) => ({ id: `${k.kind}-1`, kind: k.kind, label: k.name, position: { x: (i % 6) * 260 + 0.3, y: Math.floor(i / 6) * 120 }, params: catalog.defaultsFor(k.kind)! })),
      edges: kinds.slice(1).map((k, i) => ({ id: `e-${i + 1}`, source: `${kinds[i].kind}-1`, target: `${k.kind}-1`, params: { mode: 'sync' as const } })),
    };
    const link = await encodeShareLink(design, opts);
    expect(link.length).toBeLessThanOrEqual(2000);
    const r = await decodeShareLink(link, opts);
    expect(r.ok && r.design.nodes.length).toBe(30);
  });

  it('fits each template in 2,000 characters and gives it back', async () => {
    expect(TEMPLATES.length).toBeGreaterThan(0);
    for (const t of TEMPLATES) {
      const design = restored(JSON.stringify(await loadTemplate(t.id)));
      const link = await encodeShareLink(design, opts);
      expect(link.length, t.id).toBeLessThanOrEqual(2000);
      const r = await decodeShareLink(link, opts);
      if (!r.ok) throw new Error(r.error);
      expect(r.design, t.id).toEqual(design);
    }
  });

  it('reads links made by the first link version (fixture)', async () => {
    const link = readFileSync(join(import.meta.dirname, '../../fixtures/share-link-v1.txt'), 'utf8').trim();
    const r = await decodeShareLink(link, opts);
    if (!r.ok) throw new Error(r.error);
    expect(r.design.name).toBe('Fixture: format version 1');
    expect(r.design.nodes.find((n) => n.id === 'rec')!.params.replicas).toBe(4);
  });

  it('refuses a cut link of the first version (no checksum) at any length, never opening part of it', async () => {
    const v1 = readFileSync(join(import.meta.dirname, '../../fixtures/share-link-v1.txt'), 'utf8').trim();
    for (let end = '#d=1.'.length; end < v1.length; end++) expect(await error(v1.slice(0, end)), `cut at ${end}`).toBe(DAMAGED_LINK);
  });

  it('says clearly what is wrong with a link that is not a good one', async () => {
    const good = await encodeShareLink(restored(fixture), opts);
    expect(await error('https://example.org/')).toMatch(/no "#d=" part/);
    for (const bad of ['#d=', '#d=2.', '#d=2.AAAA', '#d=1.ab$cd', '#d=x.AAAA', good.slice(0, Math.floor(good.length / 2))]) {
      expect(await error(bad), bad).toBe(DAMAGED_LINK);
    }
    // A newer version is believed only when its checksum holds.
    const newer = `#d=9.${crc32(new TextEncoder().encode('9.AAAA')).toString(16).padStart(8, '0')}.AAAA`;
    expect(await error(newer)).toMatch(/newer version/);
    expect(await error(good.replace('#d=2.', '#d=9.'))).toBe(DAMAGED_LINK);
    // Version 1 links: what inflate cannot read is a damaged link; restore() names its problem.
    expect(await error(linkOf('{"nodes": ['))).toMatch(/^This link holds a design that cannot be opened: .*not valid JSON/);
    expect(await error(`#d=1.${bytesToBase64url(deflateRawSync(Buffer.from([0xff, 0xfe, 0x00])))}`)).toBe(DAMAGED_LINK);
  });

  it('refuses every one-character change, cut and addition of a link, and opens none of them', async () => {
    const link = await encodeShareLink(restored(fixture), opts);
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.';
    const changed: string[] = [];
    // Every position after "#d=", each with a few replacements, cuts at every length and additions.
    for (let i = SHARE_PREFIX.length; i < link.length; i++) {
      for (const c of [alphabet[i % alphabet.length], alphabet[(i * 7 + 3) % alphabet.length], '.']) {
        if (c !== link[i]) changed.push(link.slice(0, i) + c + link.slice(i + 1));
      }
      changed.push(link.slice(0, i), link.slice(0, i) + link.slice(i + 1), link.slice(0, i) + 'A' + link.slice(i));
    }
    changed.push(link + 'A', link + '.', link + '-x');
    for (const bad of changed) expect(await error(bad), bad).toBe(DAMAGED_LINK);
    expect(changed.length).toBeGreaterThan(link.length * 4);
  });

  it('signed with the payload, not just the length: a re-encoded payload with the old checksum is refused', async () => {
    const link = await encodeShareLink(restored(fixture), opts);
    const [, sum] = link.slice(SHARE_PREFIX.length).split('.');
    // The same kind of design with the connections left out, under the first link's checksum.
    const other = restored(fixture);
    other.edges = [];
    const data = (await encodeShareLink(other, opts)).split('.')[2];
    expect(await error(`#d=2.${sum}.${data}`)).toBe(DAMAGED_LINK);
  });

  it('stops inflating at 5 MB: a small link cannot unpack into a huge document', async () => {
    const bomb = linkOf(`{"nodes":[],"name":"${'a'.repeat(6_000_000)}"}`);
    expect(bomb.length).toBeLessThan(20_000);
    expect(await error(bomb)).toMatch(/too large/);
  });
});
