// Simulator bench: the discrete-event engine's speed on the M/M/1 of oracle O1 and on a large
// design, SimPy 3 on the same M/M/1 for comparison, analytic time for 1,000 components, and the
// peak memory of the 10⁶-request run. Each figure comes from a fresh process (bench/sim-run.ts
// under tsx). Rates are given per wall-clock second and per CPU second: on a shared machine the
// wall clock also counts time spent waiting for a core.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { round } from './lib.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const SIMPY = fileURLToPath(new URL('../../shared/oracles/simpy_mm1.py', import.meta.url));
const REQUESTS = 1_000_000;

function measure(what, arg) {
  const r = spawnSync('npx', ['tsx', 'bench/sim-run.ts', what, String(arg ?? '')], { cwd: root, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`sim-run ${what} failed: ${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').pop());
}

/** SimPy 3 (Debian's python3-simpy3, seen only by /usr/bin/python3) on the same M/M/1, or null. */
function simpy() {
  if (!existsSync('/usr/bin/python3') || !existsSync(SIMPY)) return null;
  if (spawnSync('/usr/bin/python3', ['-c', 'import simpy'], { encoding: 'utf8' }).status !== 0) return null;
  const timed = existsSync('/usr/bin/time');
  const [cmd, args] = timed ? ['/usr/bin/time', ['-f', '%U %S', '/usr/bin/python3', SIMPY, String(REQUESTS), 'simpy3']] : ['/usr/bin/python3', [SIMPY, String(REQUESTS), 'simpy3']];
  const r = spawnSync(cmd, args, { encoding: 'utf8' });
  if (r.status !== 0) return null;
  const out = JSON.parse(r.stdout.trim().split('\n').pop());
  const [user, sys] = timed ? r.stderr.trim().split('\n').pop().split(' ').map(Number) : [NaN, NaN];
  return { version: out.simpy, seconds: out.seconds, cpuSeconds: user + sys, customersPerSec: out.customersPerSecond, customersPerCpuSec: REQUESTS / (user + sys), meanSojourn: out.mean };
}

export async function runSimBench() {
  const load = loadavg()[0];
  const o1 = measure('o1', REQUESTS);
  const large = measure('large', REQUESTS);
  const analytic = measure('analytic');
  const py = simpy();
  return {
    machineLoad1m: round(load, 2),
    desO1: {
      requests: REQUESTS,
      wallMs: round(o1.ms, 1),
      cpuMs: round(o1.cpuMs, 1),
      requestsPerSec: Math.round(o1.requestsPerSec),
      requestsPerCpuSec: Math.round(o1.requestsPerCpuSec),
      eventsPerCpuSec: Math.round(o1.eventsPerCpuSec),
      target: '≥ 3,000,000 requests/s',
      meanLatencyMs: round(o1.meanMs, 3),
    },
    desLarge: {
      components: large.components,
      requests: REQUESTS,
      eventsPerRequest: round(large.events / REQUESTS, 2),
      wallMs: round(large.ms, 1),
      requestsPerSec: Math.round(large.requestsPerSec),
      requestsPerCpuSec: Math.round(large.requestsPerCpuSec),
      eventsPerCpuSec: Math.round(large.eventsPerCpuSec),
    },
    simpy: py
      ? {
          ...py,
          seconds: round(py.seconds, 2),
          cpuSeconds: round(py.cpuSeconds, 2),
          customersPerSec: Math.round(py.customersPerSec),
          customersPerCpuSec: Math.round(py.customersPerCpuSec),
          ratio: round(o1.requestsPerSec / py.customersPerSec, 1),
          ratioCpu: round(o1.requestsPerCpuSec / py.customersPerCpuSec, 1),
          target: 'ratio ≥ 50× (requests/s)',
        }
      : 'python3-simpy3 not installed: skipped',
    analytic1000: { components: analytic.components, connections: analytic.connections, firstMs: round(analytic.firstMs, 2), medianMs: round(analytic.medianMs, 2), medianCpuMs: round(analytic.medianCpuMs, 2), target: '< 10 ms' },
    memoryO1: { peakRssMB: round(o1.maxRssMB, 1), peakHeapMB: round(o1.heapPeakMB, 1), target: '≤ 150 MB', note: 'RSS includes Node and the tsx loader' },
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) console.log(JSON.stringify(await runSimBench(), null, 2));
