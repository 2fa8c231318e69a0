// One measurement of the scenario bench, in its own process (bundled and run by
// scenario.bench.mjs) so that timings start from a fresh JIT and peak memory is this run's.
// Usage: scenario-run.ts single <seconds> | reps <seconds> <workers> <replications>. Prints one
// JSON line. As a worker thread (reps) it runs the scenario jobs it is sent.
import { readFileSync } from 'node:fs';
import { isMainThread, parentPort, Worker } from 'node:worker_threads';
import { fileURLToPath } from 'node:url';
import { loadCatalogFromDir } from '../src/catalog/load-node';
import { restore } from '../src/persistence/restore';
import type { Design } from '../src/model/design';
import type { Scenario } from '../src/model/scenario';
import { simulateScenario } from '../src/simulation/scenario/run';
import { scenarioJob } from '../src/simulation/scenario/worker-job';
import { runScenario, type DesWorkerLike } from '../src/simulation/des-client';
import type { DesJob, DesReply } from '../src/simulation/des.worker';

/** The video-recommendation template as the app opens it, at its design load, with a scenario of `seconds`: its popular-items cache flushed half-way. */
function design(seconds: number): Design {
  const catalog = loadCatalogFromDir(fileURLToPath(new URL('../components-catalog', import.meta.url)));
  const text = readFileSync(new URL('../src/templates/designs/video-recommendation.json', import.meta.url), 'utf8');
  const r = restore(text, { defaultsFor: (k) => catalog.defaultsFor(k) });
  if (!r.ok) throw new Error(r.error);
  const scenario: Scenario = { name: 'bench', durationS: seconds, bucketS: seconds / 120, events: [{ type: 'flush', atS: seconds / 2, node: 'pop', warmupS: seconds / 10 }] };
  return { ...r.design, scenario };
}

function single(seconds: number) {
  const d = design(seconds);
  let rssPeak = 0;
  let heapPeak = 0;
  let partials = 0;
  const sample = () => {
    const m = process.memoryUsage();
    rssPeak = Math.max(rssPeak, m.rss);
    heapPeak = Math.max(heapPeak, m.heapUsed + m.arrayBuffers);
  };
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const r = simulateScenario(d, {
    seed: 1,
    onProgress: () => {
      partials++;
      sample();
    },
  });
  const ms = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  sample();
  if (!r.ok) throw new Error(r.error);
  const cpuMs = (cpu.user + cpu.system) / 1000;
  const s = r.result.summary;
  return { wallMs: ms, cpuMs, events: r.result.events, requests: s.requests.mean, eventsPerCpuSec: (r.result.events / cpuMs) * 1000, requestsPerCpuSec: (s.requests.mean! / cpuMs) * 1000, partialTimelines: partials, rssPeakMB: rssPeak / 2 ** 20, heapPeakMB: heapPeak / 2 ** 20 };
}

async function reps(seconds: number, workers: number, replications: number) {
  const spawn = (): DesWorkerLike => {
    const thread = new Worker(fileURLToPath(import.meta.url));
    const like: DesWorkerLike = { onmessage: null, onerror: null, postMessage: (job) => thread.postMessage(job), terminate: () => void thread.terminate() };
    thread.on('message', (data: DesReply) => like.onmessage?.({ data } as MessageEvent<DesReply>));
    thread.on('error', (e: Error) => like.onerror?.({ message: e.message } as ErrorEvent));
    return like;
  };
  const t0 = performance.now();
  const r = await runScenario(design(seconds), { replications, workers }, spawn);
  return { wallMs: performance.now() - t0, events: r.events, requests: r.summary.requests.mean };
}

if (!isMainThread) {
  parentPort!.on('message', (job: DesJob) => scenarioJob(job, Infinity, (reply) => parentPort!.postMessage(reply)));
} else {
  const [what, a, b, c] = process.argv.slice(2);
  const out = what === 'single' ? single(Number(a)) : await reps(Number(a), Number(b), Number(c));
  console.log(JSON.stringify(out));
}
