// Hostile documents: each gets a clear message (or is defused with a warning), and opening one —
// from a link or a file — changes nothing that was saved.
import { deflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { restore } from '../../../src/persistence/restore';
import { decodeShareLink, encodeShareLink } from '../../../src/persistence/share-link';
import { DesignStore, memoryKeyValue } from '../../../src/persistence/design-store';
import { Editor } from '../../../src/app/editor.svelte';
import { Library, restoreWithCatalog } from '../../../src/app/library.svelte';
import { SharePreview } from '../../../src/app/share-preview.svelte';
import { catalog } from '../../../src/catalog';
import { designProblem } from './design-check';

const opts = { defaultsFor: (k: string) => catalog.defaultsFor(k) };
const node = (id: string, extra: object = {}) => ({ id, kind: 'cache', position: { x: 0, y: 0 }, params: {}, ...extra });
const doc = (nodes: unknown[], edges: unknown[] = [], extra: object = {}) => ({ format: 'mlsd-design', version: 1, name: 'H', nodes, edges, ...extra });
const linkOf = (text: string) => `#d=1.${deflateRawSync(Buffer.from(text)).toString('base64url')}`;

const REFUSED: [string, unknown, RegExp][] = [
  ['truncated JSON', '{"format":"mlsd-design","version":1,"nodes":[{"id":"a"', /not valid JSON/],
  ['not an object', '[1,2,3]', /expected a JSON object/],
  ['another format', { format: 'excalidraw', nodes: [] }, /not a design file/],
  ['a newer version', { ...doc([]), version: 99 }, /newer version of the app \(format 99\)/],
  ['a version that is no number', { ...doc([]), version: '1; DROP' }, /invalid format version/],
  ['duplicate component ids', doc([node('a'), node('a')]), /same id "a"/],
  ['an edge id equal to a component id', doc([node('a'), node('b')], [{ id: 'a', source: 'a', target: 'b' }]), /same id "a"/],
  ['a connection to a missing component', doc([node('a')], [{ id: 'e1', source: 'a', target: 'ghost' }]), /missing component "ghost"/],
  ['a negative replica count', doc([node('a', { params: { replicas: -3 } })]), /replicas must be between 1 and/],
  ['a huge request rate', doc([node('a', { params: { rps: 1e300 } })]), /rps must be between 0 and/],
  ['a huge coordinate', doc([node('a', { position: { x: 1e300, y: 0 } })]), /finite number within/],
  ['a number as text', doc([node('a', { params: { replicas: '4' } })]), /replicas must be a number/],
  ['NaN in an unknown field', doc([node('a', { extra: { deep: [NaN] } })]), /not finite .* at nodes\.0\.extra\.deep\.0/],
  ['an id that is no text', doc([node('a', { id: { toString: 1 } })]), /id must be a non-empty text/],
  ['too deep nesting', JSON.parse('{"nodes":[],"x":' + '['.repeat(100) + ']'.repeat(100) + '}'), /nested too deeply/],
  ['an oversized text', 'x'.repeat(5_000_001), /too large/],
];

describe('hostile documents', () => {
  it.each(REFUSED)('refuses %s with a clear message', (_what, input, message) => {
    const r = restore(input, opts);
    if (r.ok) throw new Error('expected an error');
    expect(r.error).toMatch(message);
  });

  it('drops __proto__ / constructor / prototype keys without polluting anything', () => {
    const text = '{"nodes":[{"id":"a","kind":"cache","position":{"x":0,"y":0},"params":{"__proto__":{"polluted":1},"replicas":2},"constructor":{"prototype":{"polluted":1}}}],"edges":[],"__proto__":{"polluted":1}}';
    const r = restore(text, opts);
    if (!r.ok) throw new Error(r.error);
    expect(designProblem(r.design)).toBeNull();
    expect(Object.getPrototypeOf(r.design.nodes[0].params)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.hasOwn(r.design.nodes[0], 'constructor')).toBe(false);
  });

  it('keeps HTML and script in labels and notes as plain text, length-capped', () => {
    const evil = '<img src=x onerror=window.__pwned=1><script>window.__pwned=1</script>';
    const r = restore(doc([node('a', { label: evil + 'x'.repeat(1000) }), { id: 'n', kind: 'note', text: evil, position: { x: 0, y: 0 } }]), opts);
    if (!r.ok) throw new Error(r.error);
    expect(r.design.nodes[0].label!.startsWith(evil)).toBe(true);
    expect(r.design.nodes[0].label!.length).toBe(500);
    expect(r.design.nodes[1].text).toBe(evil);
  });

  it('opens a circle of frames and takes components out of non-frames', () => {
    const r = restore(doc([node('f1', { kind: 'group', parentId: 'f2' }), node('f2', { kind: 'group', parentId: 'f1' }), node('a', { parentId: 'b' }), node('b')]), opts);
    if (!r.ok) throw new Error(r.error);
    expect(designProblem(r.design)).toBeNull();
    expect(r.design.nodes.find((n) => n.id === 'a')!.parentId).toBeUndefined();
    expect(r.warnings.join(' ')).toMatch(/inside itself/);
  });

  it('refuses the same documents through a share link', async () => {
    for (const [what, input, message] of REFUSED) {
      if (what.includes('NaN')) continue; // NaN cannot travel as JSON
      const r = await decodeShareLink(linkOf(typeof input === 'string' ? input : JSON.stringify(input)), opts);
      expect(r.ok, what).toBe(false);
      if (!r.ok && !what.includes('oversized')) expect(r.error, what).toMatch(message);
    }
  });
});

/**
 * Words of the program, not of a person: a message with any of them leaked an internal error.
 * ("got null" may stand, when the file holds a null.)
 */
const INTERNAL = /is not a function|is not iterable|Cannot (read|convert|set)|undefined|\[object |TypeError|NaN/;

describe('hostile shapes get sentences for people', () => {
  const SHAPES: [string, unknown, RegExp][] = [
    ['service as a list', doc([node('a', { params: { service: [] } })]), /"a": service must be an object \(got a list\)/],
    ['batch as text', doc([node('a', { params: { batch: 'big' } })]), /"a": batch must be an object/],
    ['edges as an object', doc([node('a')], {} as never), /"edges" is not a list/],
    ['a label that is an object', doc([node('a', { label: { toString: 1 } })]), /"a"'s label must be text/],
    ['a note text that is a list', doc([node('a', { kind: 'note', text: [1] })]), /"a"'s text must be text/],
    ['a connection label that is an object', doc([node('a'), node('b')], [{ id: 'e', source: 'a', target: 'b', label: { valueOf: 1 } }]), /"e"'s label must be text/],
    ['a format that is an object', { format: { toString: 1 }, nodes: [] }, /not a design file \(format object\)/],
    ['a version that is an object', { ...doc([]), version: { valueOf: 1 } }, /invalid format version \(object\)/],
    ['an infinite number from JSON text', JSON.stringify(doc([node('a', { params: { replicas: 3 } })])).replace('"replicas":3', '"replicas":1e999'), /"a": replicas must be a finite number\.$/],
    ['NaN where a number goes', doc([node('a', { params: { hitRatio: NaN } })]), /"a": hitRatio must be a finite number\.$/],
  ];

  it.each(SHAPES)('%s', (_what, input, message) => {
    const r = restore(input, opts);
    if (r.ok) throw new Error('expected an error');
    expect(r.error).toMatch(message);
    expect(r.error).not.toMatch(INTERNAL);
  });

  it('opens other odd shapes with what can be kept, and a valid design', () => {
    for (const extra of [{ notes: [] }, { notes: 'text' }, { notes: { a: 1, b: 'kept' } }, { name: [] }, { slo: [] }]) {
      const r = restore(doc([node('a', { position: [], size: [], parentId: {} })], [], extra), opts);
      if (!r.ok) throw new Error(r.error);
      expect(designProblem(r.design)).toBeNull();
      expect(r.warnings.join(' ')).not.toMatch(INTERNAL);
    }
  });

  it('never passes the program\'s own error text to people, whatever the shape', () => {
    const shapes: unknown[] = [null, [], {}, 'x', 1, { toString: 1 }, [{}], { a: [] }];
    for (const a of shapes) for (const b of shapes) {
      for (const input of [
        doc([node('n', { params: { service: a, rps: b } })]),
        doc([node('n', { label: a, size: b })]),
        doc([node('n'), node('m')], [{ id: 'e', source: 'n', target: 'm', params: { mode: a, weight: b } }]),
        { ...doc([node('n')]), notes: a, slo: b },
      ]) {
        const r = restore(input, opts);
        if (!r.ok) expect(r.error, JSON.stringify(input)).not.toMatch(INTERNAL);
        else expect(designProblem(r.design), JSON.stringify(input)).toBeNull();
      }
    }
  });
});

describe('opening hostile input changes nothing saved', () => {
  async function setup() {
    const kv = memoryKeyValue();
    const editor = new Editor();
    const library = new Library(editor, new DesignStore(kv));
    await library.init();
    editor.addComponent('cache', { x: 0, y: 0 });
    library.designChanged(editor.design);
    await library.flush();
    return { kv, editor, library, preview: new SharePreview(editor, library), before: structuredClone([...kv.data]) };
  }

  it('a damaged link leaves the open design and storage as they were', async () => {
    const { kv, editor, library, preview, before } = await setup();
    const open = editor.design;
    for (const link of ['#d=1.AAAA', linkOf('{"nodes":[{"id":"a"}]}'), '#d=1.' + 'A'.repeat(50), linkOf('{"version":2}')]) {
      expect(await preview.open(link)).toBe(false);
      expect(preview.error).toMatch(/^This link .+ Your saved designs are unchanged\.$/);
    }
    expect(editor.design).toBe(open);
    expect(library.currentId).not.toBe('');
    expect([...kv.data]).toEqual(before);
  });

  it('a good link opens as a preview that never autosaves, until "Save a copy"', async () => {
    const { kv, editor, library, preview, before } = await setup();
    const shared = restoreWithCatalog(doc([node('shared-cache')], [], { name: 'Shared' }));
    if (!shared.ok) throw new Error(shared.error);
    expect(await preview.open(await encodeShareLink(shared.design, opts))).toBe(true);
    expect(preview.active).toBe(true);
    expect(editor.design.name).toBe('Shared');
    editor.addComponent('kafka', { x: 300, y: 0 });
    library.designChanged(editor.design);
    await library.flush();
    expect([...kv.data]).toEqual(before);
    await preview.saveCopy();
    expect(preview.active).toBe(false);
    const list = await new DesignStore(kv).list();
    expect(list.ok && list.value.map((m) => m.name).sort()).toEqual(['Shared', 'Untitled design']);
    // The design that was open before the link is exactly as it was saved.
    const first = before.find(([k]) => k.startsWith('design:'))!;
    expect(kv.data.get(first[0])).toEqual(first[1]);
  });
});
