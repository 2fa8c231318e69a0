// One step of the scale bench, under tsx (scale.bench.mjs starts it): the share link of a
// generated design of N components, made by the app's own encoder. Prints the link's hash.
import { encodeShareLink } from '../src/persistence/share-link';
import type { Design } from '../src/model/design';

const n = Number(process.argv[2] ?? 20000);
const cols = Math.ceil(Math.sqrt(n * 2));
const design: Design = {
  format: 'mlsd-design', version: 1, name: `Link ${n}`, notes: {},
  nodes: Array.from({ length: n }, (_, i) => ({
    id: `n${i}`, kind: i % 5 === 0 ? 'cache' : 'model-server-cpu', label: `Node ${i}`,
    position: { x: (i % cols) * 240, y: Math.floor(i / cols) * 110 }, params: {},
  })),
  edges: Array.from({ length: Math.floor(n * 1.5) }, (_, i) => {
    const s = i % (n - 1);
    return { id: `e${i}`, source: `n${s}`, target: `n${Math.min(n - 1, s + 1 + ((i * 7919) % 13))}`, params: { mode: 'sync' as const } };
  }),
};
process.stdout.write(await encodeShareLink(design));
