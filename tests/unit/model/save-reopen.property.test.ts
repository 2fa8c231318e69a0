// Property: whatever sequence of edits a person (or the planner, the calculator, a paste, a
// drag) makes, the design saved as JSON reopens through restore() byte for byte — no refusal,
// no warning, no silent cut. Seeded, so a failure names the seed and the step that broke it.
import { describe, expect, it } from 'vitest';
import { Editor } from '../../../src/app/editor.svelte';
import { catalog } from '../../../src/catalog';
import { moveNodes, setReplicas, setSlo, setParent, updateNode } from '../../../src/model/commands';
import { PARAM_RULES } from '../../../src/model/rules';
import { restore } from '../../../src/persistence/restore';
import { prng, type Rng } from '../persistence/fuzz-cases';

const opts = { defaultsFor: (k: string) => catalog.defaultsFor(k) };
const SEED = 9_0412;


const NUMBERS = [2e8, 375_001, 1e999, -1e999, Number.NaN, -1, -0, 0, 0.5, 1, 2.5, 7, 1e-9, 1e300, 99_999.5, 1e7 + 1, 123.456789];
const VALUES: unknown[] = [...NUMBERS, '5', '', null, [], {}, [Infinity], { deep: Number.NaN }, 'sideways', 'lognormal', 'one', 'uniform', true];
const PIECES = ['a', ' ', '😀', '\uD83D', '\uDE00', '\u001b[31m', '\u0000', '\uFFFE', '\uFFFF', '\t', '\n', '<b>', 'é', 'x'.repeat(600), 'y'.repeat(120_000)];
const KEYS = [...Object.keys(PARAM_RULES), 'arrivals', 'dispatch', 'fanout', 'service.dist', 'service', 'batch', 'pricePerReplicaMonthUsd', 'extra'];
const KINDS = ['client', 'cache', 'feature-store-online', 'model-server-gpu', 'ranking-service', 'kafka', 'api-gateway'];

function text(rng: Rng): string {
  return Array.from({ length: rng.int(5) }, () => rng.pick(PIECES)).join('');
}

/** One edit, the way the app makes it; returns what it did, for the failure message. */
function edit(editor: Editor, rng: Rng): string {
  const d = editor.design;
  const nodes = d.nodes.filter((n) => n.kind !== 'group' && n.kind !== 'note');
  const any = d.nodes.length ? rng.pick(d.nodes).id : '';
  const comp = nodes.length ? rng.pick(nodes).id : '';
  const record = rng.next() < 0.7;
  switch (rng.int(14)) {
    case 0: return `add ${editor.addComponent(rng.pick(KINDS), { x: rng.pick(NUMBERS), y: rng.int(900) })}`;
    case 1: { const k = rng.pick(KEYS), v = rng.pick(VALUES); editor.setParam(comp, k, v); return `param ${comp}.${k}=${String(v)}`; }
    case 2: { const r = rng.pick(NUMBERS); editor.dispatch((x) => setReplicas(x, { [comp]: r })); return `replicas ${comp}=${r}`; }
    case 3: editor.setLabel(any, text(rng), { record }); return `label ${any}`;
    case 4: editor.rename(text(rng), { record }); return 'rename';
    case 5: editor.setStepNote(rng.pick(['requirements', 'serving', 'x\u0001', '__proto__']), text(rng), { record }); return 'step note';
    case 6: { const p = { x: rng.pick(NUMBERS), y: rng.pick(NUMBERS) }; editor.dispatch((x) => moveNodes(x, new Map([[any, p]])), { record }); return `move ${any} ${p.x},${p.y}`; }
    case 7: editor.select([any]); editor.nudgeSelection(rng.pick(NUMBERS), rng.pick(NUMBERS)); return `nudge ${any}`;
    case 8: editor.addNote({ x: rng.int(500), y: rng.int(500) }, text(rng)); return 'note';
    case 9: { const id = editor.addFrame({ x: rng.pick(NUMBERS), y: 0 }, { width: rng.pick(NUMBERS), height: rng.pick(NUMBERS) }); editor.dispatch((x) => setParent(x, [comp], id)); return `frame ${id}`; }
    case 10: { const e = d.edges.length ? rng.pick(d.edges).id : ''; const k = rng.pick(['probability', 'weight', 'networkMs', 'mode']); const v = rng.pick(VALUES); editor.setEdgeParams(e, { [k]: v }); return `edge ${e}.${k}=${String(v)}`; }
    case 11: if (nodes.length > 1) editor.connect(comp, rng.pick(nodes).id); return 'connect';
    case 12: editor.select([any]); rng.next() < 0.5 ? editor.duplicateSelection() : editor.deleteSelection(); return `duplicate/delete ${any}`;
    default: {
      if (rng.next() < 0.5) { const s = { p99Ms: rng.pick(NUMBERS), rps: rng.pick(NUMBERS) }; editor.dispatch((x) => setSlo(x, s)); return `slo ${s.p99Ms}@${s.rps}`; }
      const size = { width: rng.pick(NUMBERS), height: rng.pick(NUMBERS) };
      editor.dispatch((x) => updateNode(x, any, { size, text: text(rng) })); return `size ${any}`;
    }
  }
}

describe('save → reopen is the identity after any edits', () => {
  it('150 random sequences of up to 30 edits, with extreme values', () => {
    const rng = prng(SEED);
    for (let run = 0; run < 150; run++) {
      const editor = new Editor();
      const done: string[] = [];
      for (let step = 1 + rng.int(30); step > 0; step--) {
        done.push(edit(editor, rng));
        if (rng.next() < 0.2) editor.commit();
        if (rng.next() < 0.05) editor.undo();
        const saved = JSON.stringify(editor.design);
        const r = restore(saved, opts);
        const where = `seed ${SEED}, run ${run}, after: ${done.slice(-3).join(' · ')}`;
        if (!r.ok) throw new Error(`${where}: refused to reopen: ${r.error}`);
        expect(r.warnings, where).toEqual([]);
        expect(JSON.stringify(r.design), where).toBe(saved);
      }
    }
  }, 60_000);
});
