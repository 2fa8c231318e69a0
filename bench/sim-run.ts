// One measurement of the simulation bench, in its own process (bundled and run by
// sim.bench.mjs; tsx runs it too) so that timings start from a fresh JIT and peak memory is
// this run's alone.
// Usage: sim-run.ts o1|large|analytic|template:<name>[-warm] [requests]. Prints one JSON line.
import { readFileSync } from 'node:fs';
import { simulateDes } from '../src/simulation/des';
import { analyze } from '../src/simulation/analytic';
import { loadCatalogFromDir } from '../src/catalog/load-node';
import { restore } from '../src/persistence/restore';
import type { Design } from '../src/model/design';

const [what, arg] = process.argv.slice(2);
const requests = Number(arg ?? 1e6);

/** A case-study template as the app opens it (catalog defaults filled in). */
function template(name: string): Design {
  const catalog = loadCatalogFromDir(new URL('../components-catalog', import.meta.url).pathname);
  const r = restore(readFileSync(new URL(`../src/templates/designs/${name}.json`, import.meta.url), 'utf8'), { defaultsFor: (k) => catalog.defaultsFor(k) });
  if (!r.ok) throw new Error(r.error);
  return r.design;
}

function o1(): Design {
  const oracles = JSON.parse(readFileSync(new URL('../tests/fixtures/oracles/oracles.json', import.meta.url), 'utf8'));
  const d = oracles.cases.find((c: { id: string }) => c.id === 'O1').design;
  return { format: 'mlsd-design', version: 1, name: 'O1', notes: {}, nodes: d.nodes.map((n: object) => ({ position: { x: 0, y: 0 }, ...n })), edges: d.edges };
}

/**
 * A layered design of `n` components: 4 sources, then layers of 24; each component calls two
 * of the next layer with probability 0.5 each (every fifth connection async), some are caches.
 * About 2,000 rps in all, utilizations 0.2–0.5.
 */
export function layered(n: number): Design {
  const width = 24;
  const nodes: Design['nodes'] = [];
  const edges: Design['edges'] = [];
  for (let i = 0; i < 4; i++) nodes.push({ id: `s${i}`, kind: 'client', label: `Source ${i}`, position: { x: 0, y: i * 100 }, params: { rps: 500 } });
  for (let i = 0; i < n - 4; i++) {
    const layer = Math.floor(i / width);
    const params: Record<string, unknown> = { replicas: 1 + (i % 3), service: { dist: i % 4 === 3 ? 'lognormal' : 'exponential', meanMs: 2 + (i % 5), cv: 1.5 } };
    if (i % 7 === 0) params.hitRatio = 0.6;
    nodes.push({ id: `c${i}`, kind: 'service', label: `Component ${i}`, position: { x: 200 * (layer + 1), y: (i % width) * 100 }, params } as Design['nodes'][number]);
  }
  const id = (layer: number, k: number) => (layer < 0 ? `s${k % 4}` : `c${layer * width + (k % width)}`);
  const layers = Math.ceil((n - 4) / width);
  for (let layer = -1; layer < layers - 1; layer++) {
    const count = layer < 0 ? 4 : Math.min(width, n - 4 - layer * width);
    for (let k = 0; k < count; k++) {
      for (const j of layer < 0 ? [k, k + 4, k + 8, k + 12, k + 16, k + 20] : [k, k + 7]) {
        const to = id(layer + 1, j);
        if (!nodes.some((x) => x.id === to)) continue;
        const mode = edges.length % 5 === 4 ? 'async' : 'sync';
        edges.push({ id: `e${edges.length}`, source: id(layer, k), target: to, params: { mode, probability: layer < 0 ? 1 / 6 : 0.5 } });
      }
    }
  }
  return { format: 'mlsd-design', version: 1, name: `Layered ${n}`, notes: {}, nodes, edges };
}

/**
 * One timed run of simulateDes (graph compile, simulation and report together). `warm`: a
 * short run of the same design first (10⁵ requests, another seed), so the JIT has compiled
 * the engine before the clock starts.
 */
function des(design: Design, warm: boolean) {
  if (warm) simulateDes(design, { requests: 100_000, seed: 99 });
  let heapPeak = 0;
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const r = simulateDes(design, {
    requests,
    seed: 1,
    onProgress: () => {
      const m = process.memoryUsage();
      heapPeak = Math.max(heapPeak, m.heapUsed + m.arrayBuffers);
    },
  });
  const ms = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  // CPU time of the whole process, compiler and GC threads included: wall time also counts
  // waiting for a core when other processes share the machine.
  const cpuMs = (cpu.user + cpu.system) / 1000;
  if (!r.ok) throw new Error(r.error);
  return { ms, cpuMs, requestsPerSec: (requests / ms) * 1000, requestsPerCpuSec: (requests / cpuMs) * 1000, eventsPerCpuSec: (r.report.events / cpuMs) * 1000, events: r.report.events, meanMs: r.report.latencyMs.mean, heapPeakMB: heapPeak / 2 ** 20 };
}

const warm = what.endsWith('-warm');
const kind = warm ? what.slice(0, -'-warm'.length) : what;
let out: unknown;
if (kind === 'o1') out = des(o1(), warm);
else if (kind === 'large') out = { components: 124, ...des(layered(124), warm) };
else if (kind.startsWith('template:')) {
  const d = template(kind.slice('template:'.length));
  out = { components: d.nodes.length, ...des(d, warm) };
}
else if (kind === 'analytic') {
  // The app reruns the analysis on every edit, so the warm figure is what a user waits for:
  // 20 runs let the JIT settle, the median of the next 40 is reported beside the first run.
  const d = layered(1000);
  const times: number[] = [];
  const cpuTimes: number[] = [];
  for (let i = 0; i < 60; i++) {
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    const r = analyze(d);
    times.push(performance.now() - t0);
    const cpu = process.cpuUsage(cpu0);
    cpuTimes.push((cpu.user + cpu.system) / 1000);
    if (!r.ok) throw new Error(r.error);
  }
  const warm = times.slice(20).sort((a, b) => a - b);
  const warmCpu = cpuTimes.slice(20).sort((a, b) => a - b);
  out = { components: d.nodes.length, connections: d.edges.length, firstMs: times[0], medianMs: warm[20], medianCpuMs: warmCpu[20] };
} else throw new Error(`unknown measurement ${what}`);
console.log(JSON.stringify({ ...(out as object), maxRssMB: process.resourceUsage().maxRSS / 1024 }));
