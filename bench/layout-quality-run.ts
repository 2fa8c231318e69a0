// The layout's quality figures, in Node (bundled and run by layout.bench.mjs; tsx runs it too):
// for every template and the bench's random designs, crossings, connections through components
// and aspect ratio as drawn — as saved, and after auto-layout of the whole design (the same
// graph, ELK, answer and apply as the app, with ELK in this process). Prints one JSON line.
import { readdirSync, readFileSync } from 'node:fs';
import ELK from 'elkjs/lib/elk.bundled.js';
import { loadCatalogFromDir } from '../src/catalog/load-node';
import { restore } from '../src/persistence/restore';
import type { Design } from '../src/model/design';
import { COMPONENT_SIZE } from '../src/model/geometry';
import { fromElkGraph, routesFromElk, toElkGraph, type ElkNodeJson } from '../src/layout/to-elk-graph';
import { layOut as layOutWith } from '../src/layout/facing-order';
import { applyPlacements } from '../src/layout/placements';
import { layoutQuality } from '../src/layout/quality';

const catalog = loadCatalogFromDir(new URL('../components-catalog', import.meta.url).pathname);
const roleOf = (kind: string) => catalog.get(kind);
const elk = new ELK();
/** The canvas's shape in the bench's page (1280 × 800 less the bars): 1.6, a laptop's 16:10. */
const VIEW_ASPECT = 1.6;

function template(id: string): Design {
  const r = restore(readFileSync(new URL(`../src/templates/designs/${id}.json`, import.meta.url), 'utf8'), { defaultsFor: (k) => catalog.defaultsFor(k) });
  if (!r.ok) throw new Error(r.error);
  return r.design;
}

async function layOut(d: Design): Promise<{ design: Design; ms: number }> {
  const t0 = performance.now();
  const graph = toElkGraph(d, { direction: 'RIGHT', nodeSize: COMPONENT_SIZE, roleOf, aspectRatio: VIEW_ASPECT });
  const answer = await layOutWith((g) => elk.layout(g as never) as unknown as Promise<ElkNodeJson>, graph);
  const placements = fromElkGraph(d, answer);
  const design = applyPlacements(d, placements, routesFromElk(d, answer, placements));
  return { design, ms: performance.now() - t0 };
}

const figures = (d: Design) => {
  const q = layoutQuality(d);
  return { crossings: q.crossings, edgesThroughComponents: q.edgesThroughComponents, aspectRatio: Math.round(q.aspectRatio * 100) / 100 };
};

const ids = readdirSync(new URL('../src/templates/designs/', import.meta.url)).filter((f) => f.endsWith('.json')).map((f) => f.slice(0, -5)).sort();
const designs: [string, Design][] = ids.map((id) => [id, template(id)]);
// The bench's random designs, from a file the bench writes (a 1,000-component design is too long for a command line).
const bench = (process.argv[2] ? JSON.parse(readFileSync(process.argv[2], 'utf8')) : []) as Design[];
for (const d of bench) designs.push([d.name, d]);
const out = [];
for (const [name, d] of designs) {
  const after = await layOut(d);
  out.push({ design: name, components: d.nodes.length, connections: d.edges.length, asSaved: figures(d), laidOut: figures(after.design), layoutMs: Math.round(after.ms) });
}
console.log(JSON.stringify({ viewAspect: VIEW_ASPECT, designs: out }));
