// Comments typed in the text pane stay where they were typed: through the reprint when the pane
// is left, a canvas edit, a save and reopen, and they go with the component they describe.
import { describe, expect, it } from 'vitest';
import { catalog } from '../../../src/catalog';
import { parseDesign, printDesign } from '../../../src/persistence/design-text';
import { restore } from '../../../src/persistence/restore';
import { textPaneOf } from '../../../src/app/text-pane.svelte';
import { removeElements } from '../../../src/model/commands';
import type { Design } from '../../../src/model/design';
import { openSession } from '../app/session-fixture';

const defaultsFor = (k: string) => catalog.defaultsFor(k);

const typed = `# Video recommendation, the online path
design "Recs"

# users: the homepage only
app: client rps=500  # peak, not average
# two-tower retrieval
rank: ranking-service

# the hot path
app -> rank  # p99 budget 80 ms

# to do: the offline side
#
`;

function read(text: string, base?: Design): Design {
  const r = parseDesign(text, { defaultsFor, base });
  if (!r.ok) throw new Error(r.errors.map((e) => e.message).join('; '));
  return r.design;
}

describe('comments in the design text', () => {
  it('print gives back every comment above and after the statement it was typed with', () => {
    expect(printDesign(read(typed), defaultsFor)).toBe(typed);
  });

  it('survive a save and reopen, and a component deleted on the canvas takes its comment with it', () => {
    const d = read(typed);
    const reopened = restore(JSON.parse(JSON.stringify(d)), { defaultsFor });
    if (!reopened.ok) throw new Error(reopened.error);
    expect(printDesign(reopened.design, defaultsFor)).toBe(typed);
    const without = restore(removeElements(d, ['rank'], []), { defaultsFor });
    if (!without.ok) throw new Error(without.error);
    const text = printDesign(without.design, defaultsFor);
    expect(text).not.toContain('two-tower');
    expect(text).not.toContain('p99 budget');
    expect(text).toContain('# users: the homepage only\napp: client rps=500  # peak, not average');
  });

  it('a stored design with hostile comments keeps only text, within the limits', () => {
    const d = read(typed);
    const hostile = { ...d, textComments: { ...(d.textComments as object), 'n:ghost': { above: 'x' }, 'n:app': { above: 42, after: 'a\nb' }, __proto__: { above: 'p' }, end: { above: 'z'.repeat(200_000) } } };
    const r = restore(JSON.parse(JSON.stringify(hostile)), { defaultsFor });
    if (!r.ok) throw new Error(r.error);
    const c = r.design.textComments as Record<string, { above?: string; after?: string }>;
    expect(Object.keys(c).sort()).toEqual(['design', `e:${d.edges[0].id}`, 'n:app', 'n:rank'].sort());
    expect(c['n:app']).toEqual({ after: 'a b' });
  });

  it('the pane keeps what was typed when it is left, and after an edit on the canvas', async () => {
    const { session } = await openSession();
    const pane = textPaneOf(session);
    pane.toggle();
    pane.focus();
    pane.input(typed);
    pane.blur();
    expect(pane.text).toBe(typed);
    session.editor.dispatch((d) => ({ ...d, name: 'Recs v2' }));
    pane.follow(session.editor.design);
    expect(pane.text).toBe(typed.replace('design "Recs"', 'design "Recs v2"'));
  });
});
