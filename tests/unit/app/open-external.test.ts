// The session's one way in: a file, pasted text, a link and a template reach the same outcome
// and the same sentence for the same content, and anything refused leaves every saved design
// and the open one exactly as they were.
import { deflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import type { Session } from '../../../src/app/session.svelte';
import { openSession } from './session-fixture';

const node = (id: string, kind = 'cache') => ({ id, kind, position: { x: 0, y: 0 }, params: {} });
const doc = (nodes: unknown[], name = 'Incoming') => JSON.stringify({ format: 'mlsd-design', version: 1, name, nodes, edges: [] });
const linkOf = (text: string) => `#d=1.${deflateRawSync(Buffer.from(text)).toString('base64url')}`;
const fileOf = (text: string) => new Blob([text], { type: 'application/json' });

/** A session with one saved design holding a cache, and what storage held then. */
async function withSavedDesign() {
  const s = await openSession();
  s.session.editor.addComponent('cache', { x: 0, y: 0 });
  s.session.library.designChanged(s.session.editor.design);
  await s.session.library.flush();
  return { ...s, open: s.session.editor.design, stored: structuredClone([...s.kv.data]) };
}

function expectNothingChanged(session: Session, kv: { data: Map<string, unknown> }, open: unknown, stored: unknown) {
  expect(session.editor.design).toBe(open);
  expect([...kv.data]).toEqual(stored);
  expect(session.library.designs).toHaveLength(1);
}

describe('openExternal', () => {
  it('a hostile design gives one sentence, the same from a file and from paste, and changes nothing', async () => {
    const { session, kv, open, stored } = await withSavedDesign();
    const hostile = doc([node('a'), node('a', 'kafka')]);
    const fromFile = await session.openExternal({ kind: 'file', file: fileOf(hostile) });
    const shownForFile = session.notice;
    const fromPaste = await session.openExternal({ kind: 'text', text: `  ${hostile}\n` });
    expect(fromFile).toEqual({ status: 'refused', message: expect.stringContaining('same id "a"') });
    expect(fromPaste).toEqual(fromFile);
    expect(fromFile.message).toMatch(/^Import failed: .+ Nothing was changed\.$/);
    // Shown once, in the session's one notice, as the sentence returned.
    expect(shownForFile).toEqual({ kind: 'error', text: fromFile.message });
    expect(session.notice).toEqual({ kind: 'error', text: fromFile.message });
    expect(fromFile.message).not.toMatch(/undefined|TypeError|is not a function|\bat \w+ \(/);
    expectNothingChanged(session, kv, open, stored);
  });

  it('a hostile link, pasted or in the address bar, is refused in the same one notice and changes nothing', async () => {
    const { session, kv, open, stored } = await withSavedDesign();
    const link = linkOf(JSON.stringify({ version: 1, name: 'H', nodes: [node('a'), node('a')], edges: [] }));
    const fromHash = await session.openExternal({ kind: 'link', hash: link });
    const fromPaste = await session.openExternal({ kind: 'text', text: `https://example.org/app/${link}` });
    expect(fromHash.status).toBe('refused');
    expect(fromPaste).toEqual(fromHash);
    expect(fromHash.message).toMatch(/^This link .+ Your saved designs are unchanged\.$/);
    expect(session.notice).toEqual({ kind: 'error', text: fromHash.message });
    // The preview's own message was moved to the notice, not shown a second time.
    expect(session.preview.error).toBeNull();
    expect(session.preview.active).toBe(false);
    expectNothingChanged(session, kv, open, stored);
  });

  it('the same design from a file and from paste opens as the same new saved design; the open one is kept', async () => {
    const { session, fits } = await withSavedDesign();
    const text = doc([node('q', 'kafka'), node('m', 'model-server-cpu')], 'Shared');
    const first = session.library.currentId;
    expect(await session.openExternal({ kind: 'file', file: fileOf(text) })).toEqual({ status: 'opened', message: null });
    const fromFile = session.editor.design;
    expect(await session.openExternal({ kind: 'text', text })).toEqual({ status: 'opened', message: null });
    expect(session.editor.design).toEqual(fromFile);
    expect(fromFile.nodes.map((n) => n.kind)).toEqual(['kafka', 'model-server-cpu']);
    expect(session.notice).toBeNull();
    expect(fits.at(-1)).toBe(0);
    await session.library.flush();
    expect(session.library.designs.map((d) => d.name).sort()).toEqual(['Shared', 'Shared', 'Untitled design']);
    expect(await session.library.open(first)).toBe(true);
    expect(session.editor.design.nodes.map((n) => n.kind)).toEqual(['cache']);
  });

  it('a template opens through the same door; a missing one is refused the same way', async () => {
    const { session, kv, open, stored } = await withSavedDesign();
    const missing = await session.openExternal({ kind: 'template', id: 'no-such-template' });
    expect(missing).toEqual({ status: 'refused', message: 'Import failed: There is no template "no-such-template". Nothing was changed.' });
    expect(session.notice?.text).toBe(missing.message);
    expectNothingChanged(session, kv, open, stored);

    expect(await session.openExternal({ kind: 'template', id: 'video-recommendation' })).toEqual({ status: 'opened', message: null });
    expect(session.editor.design.name).toBe('Video recommendation');
    // A refusal shown earlier gives way once something opens.
    expect(session.notice).toBeNull();
  });

  it('pasted text that is no design is left alone: no notice, nothing opened', async () => {
    const { session, kv, open, stored } = await withSavedDesign();
    expect(await session.openExternal({ kind: 'text', text: 'just some words' })).toEqual({ status: 'ignored', message: null });
    expect(session.notice).toBeNull();
    expectNothingChanged(session, kv, open, stored);
  });
});
