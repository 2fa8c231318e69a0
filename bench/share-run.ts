// One run of the share-link bench, under tsx (share.bench.mjs starts it): the link length and
// compression ratio of each reference design. Prints one JSON line. Node's deflate gives links
// within about 1 % of Chromium's (different bytes, same sizes).
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { fileURLToPath } from 'node:url';
import { buildCatalog } from '../src/catalog/catalog';
import type { ComponentKind } from '../src/catalog/types';
import { restore } from '../src/persistence/restore';
import { compactDesign, decodeShareLink, encodeShareLink } from '../src/persistence/share-link';
import type { Design } from '../src/model/design';

const root = fileURLToPath(new URL('..', import.meta.url));
const jsonFiles = (dir: string) => (existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.json')).map((f) => join(dir, f)) : []);
const catalogDir = join(root, 'components-catalog');
const kinds: ComponentKind[] = readdirSync(catalogDir, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .flatMap((d) => jsonFiles(join(catalogDir, d.name)))
  .map((f) => JSON.parse(readFileSync(f, 'utf8')));
const catalog = buildCatalog(kinds);
const opts = { defaultsFor: (k: string) => catalog.defaultsFor(k) };

/** 30 components in a pipeline with labels, fractional positions and a few changed parameters. */
function thirty(): Design {
  const ks = catalog.kinds.slice(0, 30);
  return {
    format: 'mlsd-design', version: 1, name: '30 components', notes: {},
    nodes: ks.map((k, i) => ({
      id: `${k.kind}-1`, kind: k.kind, label: k.name, position: { x: (i % 6) * 260 + 0.37, y: Math.floor(i / 6) * 120 + 0.61 },
      params: { ...catalog.defaultsFor(k.kind)!, ...(i % 4 === 0 && k.role === 'service' ? { replicas: 3 + i } : {}) },
    })),
    edges: ks.slice(1).map((k, i) => ({ id: `e-${i + 1}`, source: `${ks[i].kind}-1`, target: `${k.kind}-1`, params: { mode: i % 5 ? 'sync' : 'async', networkMs: 1 } })),
  };
}

function withWholePositions(d: Design): Design {
  return { ...d, nodes: d.nodes.map((n) => ({ ...n, position: { x: Math.round(n.position.x), y: Math.round(n.position.y) } })) };
}

async function measure(name: string, input: unknown) {
  const r = restore(input, opts);
  if (!r.ok) return { name, error: r.error };
  const design = r.design;
  const fullJson = JSON.stringify(design);
  const compactJson = JSON.stringify(compactDesign(design, opts));
  const link = await encodeShareLink(design, opts);
  const back = await decodeShareLink(link, opts);
  const payloadBytes = Math.floor(((link.length - '#d=1.'.length) * 3) / 4);
  return {
    name,
    components: design.nodes.length,
    connections: design.edges.length,
    designJsonChars: fullJson.length,
    compactJsonChars: compactJson.length,
    linkChars: link.length,
    /** Compact JSON bytes per deflated byte. */
    deflateRatio: Math.round((compactJson.length / payloadBytes) * 100) / 100,
    /** Design JSON characters per link character: what the whole encoding saves. */
    overallRatio: Math.round((fullJson.length / link.length) * 100) / 100,
    /** The link gives back the design, positions rounded to whole pixels. */
    roundTrips: back.ok && isDeepStrictEqual(back.design, withWholePositions(design)),
  };
}

const samples: [string, unknown][] = [
  ...jsonFiles(join(root, 'src/templates/designs')).map((f): [string, unknown] => {
    const doc = JSON.parse(readFileSync(f, 'utf8'));
    return [`template: ${doc.name}`, doc];
  }),
  ['fixture: format v1', JSON.parse(readFileSync(join(root, 'tests/fixtures/v1-design.json'), 'utf8'))],
  ['generated: 30 components', thirty()],
];
const designs = [];
for (const [name, doc] of samples) designs.push(await measure(name, doc));
console.log(JSON.stringify(designs));
