// A scenario cuts the counters at its start and at each bucket's end, times known ahead: the
// served-ahead logs list only the calls still in service at the next cut (engine/ahead-log.ts,
// engine/timeline.ts cutTaken). The timeline must be the one listing every call gives, byte for
// byte — whatever the buckets, the events and the load.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCatalogFromDir } from '../../../src/catalog/load-node';
import { restore } from '../../../src/persistence/restore';
import { simulateScenario } from '../../../src/simulation/scenario/run';
import type { Design } from '../../../src/model/design';
import type { Scenario } from '../../../src/model/scenario';

const ROOT = join(import.meta.dirname, '../../..');
const catalog = loadCatalogFromDir(join(ROOT, 'components-catalog'));

function template(id: string, scenario?: Scenario): Design {
  const r = restore(readFileSync(join(ROOT, 'src/templates/designs', `${id}.json`), 'utf8'), { defaultsFor: (k) => catalog.defaultsFor(k) });
  if (!r.ok) throw new Error(r.error);
  return scenario ? { ...r.design, scenario } : r.design;
}

function timeline(d: Design, listEveryCall: boolean) {
  const r = simulateScenario(d, { seed: 7, listEveryCall });
  if (!r.ok) throw new Error(r.error);
  return r.result;
}

describe("a scenario's cuts list only the calls they need", () => {
  const cases: [string, Design][] = [
    // Its own scenario: a flushed cache refilling, half-second buckets (cuts close together, calls crossing several).
    ['video-recommendation, a flush, half-second buckets', template('video-recommendation', { name: 'flush', durationS: 12, bucketS: 0.5, events: [{ type: 'flush', atS: 4, node: 'pop', warmupS: 3 }] })],
    ['street-view-blurring (a CDN purge)', template('street-view-blurring')],
    ['similar-listings (a spike, a replica down)', template('similar-listings')],
    ['visual-search (slow GPUs)', template('visual-search')],
  ];
  for (const [what, d] of cases) {
    it(what, () => {
      const some = timeline(d, false);
      const every = timeline(d, true);
      // Something to compare: components served ahead, busy in every bucket.
      const busy = Object.values(some.timeline.nodes).flatMap((n) => n.utilization.mean.filter((u) => u !== null && u > 0));
      expect(busy.length).toBeGreaterThan(2 * some.timeline.t.length);
      expect(JSON.stringify({ ...some, wallMs: 0 })).toBe(JSON.stringify({ ...every, wallMs: 0 }));
    });
  }
});
