// Scenario bench: a 10-minute scenario of the video-recommendation template at its design
// load (20,000 requests a second: 12 M requests; its popular-items cache flushed half-way),
// from a fresh process as the app's worker runs it (bench/scenario-run.ts bundled by esbuild):
// wall and CPU time, events per CPU-second, the timeline streamed while it runs, peak memory;
// then two replications of a 1-minute scenario on one worker thread and on two (the speed-up
// of replications on 2 cores); and SimPy 3's event rate on its M/M/1 beside ours, when
// Debian's python3-simpy3 is there. Figures, not pass/fail: the targets are printed beside them.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { round } from './lib.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const SIMPY = fileURLToPath(new URL('../tests/fixtures/oracles/simpy_mm1.py', import.meta.url));
const BUNDLE = fileURLToPath(new URL(`../.tmp/scenario-run-${process.pid}.mjs`, import.meta.url));
const SIMPY_CUSTOMERS = 200_000;

function bundle() {
  mkdirSync(fileURLToPath(new URL('../.tmp/', import.meta.url)), { recursive: true });
  const r = spawnSync('npx', ['esbuild', 'bench/scenario-run.ts', '--bundle', '--platform=node', '--format=esm', `--outfile=${BUNDLE}`, '--log-level=warning'], { cwd: root, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`bundling scenario-run failed: ${r.stderr}`);
}

function measure(...args) {
  const r = spawnSync(process.execPath, [BUNDLE, ...args.map(String)], { cwd: root, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`scenario-run ${args.join(' ')} failed: ${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').pop());
}

/** SimPy 3 on its M/M/1 (tests/fixtures/oracles/simpy_mm1.py), timed by /usr/bin/time, or null. */
function simpy() {
  if (!existsSync('/usr/bin/python3') || !existsSync('/usr/bin/time')) return null;
  if (spawnSync('/usr/bin/python3', ['-c', 'import simpy'], { encoding: 'utf8' }).status !== 0) return null;
  const r = spawnSync('/usr/bin/time', ['-f', '%U %S', '/usr/bin/python3', SIMPY, String(SIMPY_CUSTOMERS), 'simpy3'], { encoding: 'utf8' });
  if (r.status !== 0) return null;
  const out = JSON.parse(r.stdout.trim().split('\n').pop());
  const [user, sys] = r.stderr.trim().split('\n').pop().split(' ').map(Number);
  return { version: out.simpy, customers: SIMPY_CUSTOMERS, events: out.events, cpuSeconds: round(user + sys, 2), eventsPerCpuSec: Math.round(out.events / (user + sys)), customersPerCpuSec: Math.round(SIMPY_CUSTOMERS / (user + sys)) };
}

export async function runScenarioBench() {
  bundle();
  try {
    const load = loadavg()[0];
    const run = measure('single', 600);
    // One worker and two in turn, three times: the pair with the median speed-up (a single pair
    // on a shared machine has measured anywhere from 1.8× to 2.1×).
    const pairs = Array.from({ length: 3 }, () => {
      const one = measure('reps', 60, 1, 2);
      const two = measure('reps', 60, 2, 2);
      return { one, two, speedUp: one.wallMs / two.wallMs };
    }).sort((a, b) => a.speedUp - b.speedUp);
    const { one, two } = pairs[1];
    const py = simpy();
    return {
      machineLoad1m: round(load, 2),
      videoRecommendation10min: {
        requests: run.requests,
        events: run.events,
        wallMs: round(run.wallMs, 0),
        cpuMs: round(run.cpuMs, 0),
        eventsPerCpuSec: Math.round(run.eventsPerCpuSec),
        requestsPerCpuSec: Math.round(run.requestsPerCpuSec),
        partialTimelinesStreamed: run.partialTimelines,
        target: '< 10 s on one core',
      },
      memory: { peakRssMB: round(run.rssPeakMB, 1), peakHeapMB: round(run.heapPeakMB, 1), target: '≤ 200 MB', note: 'RSS includes Node' },
      replications: {
        scenario: 'the same template, 1 minute, 2 replications; the median of three pairs',
        oneWorkerMs: round(one.wallMs, 0),
        twoWorkersMs: round(two.wallMs, 0),
        speedUp: round(one.wallMs / two.wallMs, 2),
        speedUps: pairs.map((p) => round(p.speedUp, 2)),
        target: '≥ 1.8× on 2 cores',
        note: 'wall clock on a machine shared with other processes',
      },
      simpy: py ?? 'python3-simpy3 not installed: skipped',
      eventsPerCpuSecOverSimpy: py ? round(run.eventsPerCpuSec / py.eventsPerCpuSec, 1) : null,
    };
  } finally {
    rmSync(BUNDLE, { force: true });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) console.log(JSON.stringify(await runScenarioBench(), null, 2));
