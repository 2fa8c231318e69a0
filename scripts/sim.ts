// `npm run sim -- <design.json | -> [--mode analytic|des] [--requests N] [--seed S] [--replications R]`:
// the simulator from the command line, for CI checks of designs. With --replications the
// discrete-event engine runs R independent replications on worker threads (one per core) and
// the report gives each figure's average with its 95 % confidence interval (`confidence`).
// `--scenario` runs the design's scenario instead and prints its timeline and summary
// (`--csv`: the timeline as CSV, one row per bucket). stdout carries the JSON report and
// nothing else; any problem with the input is one line on stderr and exit code 2 (1: an internal
// error).
import { join } from 'node:path';
import { availableParallelism } from 'node:os';
import { isMainThread, parentPort, Worker } from 'node:worker_threads';
import { loadCatalogFromDir } from '../src/catalog/load-node';
import { sloProblem } from '../src/model/checks';
import { designTextFromFile } from '../src/persistence/import-file';
import { MAX_TEXT_BYTES, restore } from '../src/persistence/restore';
import { analyze } from '../src/simulation/analytic';
import type { SimResult } from '../src/simulation/report';
import type { Design } from '../src/model/design';
import type { DesWorkerLike } from '../src/simulation/des-client';
import type { DesJob, DesReply } from '../src/simulation/des.worker';
import type { ScenarioResult } from '../src/simulation/scenario/timeline';
import { InputError, readInput } from './read-input';

const USAGE = 'usage: npm run sim -- <design.json | -> [--mode analytic|des] [--requests N] [--seed S] [--replications R] [--scenario [--csv]]';
// Enough for a tight interval; more is better spent on longer replications.
const MAX_REPLICATIONS = 64;
// As many as the app's Run button allows: a minute or two on a large design. More would run for
// hours without a word.
const MAX_REQUESTS = 10_000_000;

interface Args {
  file: string;
  mode: 'analytic' | 'des';
  requests?: number;
  seed?: number;
  replications?: number;
  scenario: boolean;
  csv: boolean;
}

function parseArgs(argv: string[]): Args {
  let file: string | undefined;
  let mode: Args['mode'] = 'analytic';
  let requests: number | undefined;
  let seed: number | undefined;
  let replications: number | undefined;
  let scenario = false;
  let csv = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--scenario' || arg === '--csv') {
      if (arg === '--scenario') scenario = true;
      else csv = true;
      continue;
    }
    if (!arg.startsWith('--') || arg === '-') {
      if (file !== undefined) throw new InputError(`one design file only (got "${file}" and "${arg}"); ${USAGE}`);
      file = arg;
      continue;
    }
    const eq = arg.indexOf('=');
    const name = eq < 0 ? arg : arg.slice(0, eq);
    const value = eq < 0 ? argv[++i] : arg.slice(eq + 1);
    if (!['--mode', '--requests', '--seed', '--replications'].includes(name)) throw new InputError(`unknown option ${name}; ${USAGE}`);
    if (value === undefined || value === '') throw new InputError(`${name} needs a value; ${USAGE}`);
    if (name === '--mode') {
      if (value !== 'analytic' && value !== 'des') throw new InputError(`--mode must be analytic or des (got "${value}")`);
      mode = value;
    } else if (name === '--requests') {
      requests = Number(value);
      if (!/^\d+$/.test(value) || !(requests >= 1) || requests > MAX_REQUESTS) {
        throw new InputError(`--requests must be a whole number from 1 to ${MAX_REQUESTS.toLocaleString('en-US')}, the most a run can take in minutes (got "${value}")`);
      }
    } else if (name === '--replications') {
      replications = Number(value);
      if (!/^\d+$/.test(value) || !(replications >= 2) || replications > MAX_REPLICATIONS) {
        throw new InputError(`--replications must be a whole number from 2 to ${MAX_REPLICATIONS}: an interval needs at least two runs (got "${value}")`);
      }
    } else {
      seed = Number(value);
      if (!/^\d+$/.test(value) || seed > 2 ** 32 - 1) throw new InputError(`--seed must be a whole number from 0 to 4294967295 (got "${value}")`);
    }
  }
  if (file === undefined) throw new InputError(`no design file given; ${USAGE}`);
  if (csv && !scenario) throw new InputError('--csv needs --scenario: only a scenario has a timeline');
  if (scenario && requests !== undefined) throw new InputError("--requests does not apply to --scenario: the scenario's duration sets the run");
  if (scenario && mode === 'analytic' && argv.some((a) => a.startsWith('--mode'))) throw new InputError('--scenario runs the discrete-event engine: leave out --mode analytic');
  if (replications !== undefined && mode !== 'des' && !scenario) throw new InputError('--replications needs --mode des: the analytic engine has no run-to-run spread');
  return { file, mode, requests, seed, replications, scenario, csv };
}

async function main(argv: string[]): Promise<string> {
  const args = parseArgs(argv);
  // The same entrance as a file dropped on the app: a UTF-8 byte order mark is skipped, and a
  // PNG or SVG exported by the app gives the design inside it.
  const read = designTextFromFile(await readInput(args.file, MAX_TEXT_BYTES));
  if (!read.ok) throw new InputError(`${args.file}: ${read.error}`);
  const catalog = loadCatalogFromDir(join(import.meta.dirname, '../components-catalog'));
  const restored = restore(read.text, { defaultsFor: (kind) => catalog.defaultsFor(kind) });
  if (!restored.ok) throw new InputError(`${args.file}: ${restored.error}`);
  // The app opens a design with a broken SLO without it, and says so; a check run here must
  // not pass on a design whose SLO was quietly dropped.
  const sloIssue = sloProblem((JSON.parse(read.text) as { slo?: unknown }).slo);
  if (sloIssue) throw new InputError(`${args.file}: ${sloIssue}`);
  if (args.scenario) {
    const result = await scenario(restored.design, args.replications, args.seed ?? 1);
    return args.csv ? timelineCsv(result) : JSON.stringify(result, null, 2) + '\n';
  }
  let result: SimResult;
  if (args.mode === 'des') {
    // Loaded only when asked for: analytic runs never depend on the discrete-event engine.
    const { simulateDes } = await import('../src/simulation/des');
    result = args.replications
      ? await replicate(restored.design, args.replications, args.requests ?? 200_000, args.seed ?? 1)
      : simulateDes(restored.design, { requests: args.requests, seed: args.seed });
  } else {
    result = analyze(restored.design);
  }
  if (!result.ok) throw new InputError(`${args.file}: ${result.error}`);
  return JSON.stringify(result.report, null, 2) + '\n';
}

/** The design's scenario: one run here, or replications on worker threads. */
async function scenario(design: Design, replications: number | undefined, seed: number): Promise<ScenarioResult> {
  if (replications === undefined) {
    const { simulateScenario } = await import('../src/simulation/scenario/run');
    const r = simulateScenario(design, { seed });
    if (!r.ok) throw new InputError(r.error);
    return r.result;
  }
  const { runScenario } = await import('../src/simulation/des-client');
  return runScenario(design, { replications, seed, workers: availableParallelism() }, spawnThread).catch((e: Error) => {
    throw new InputError(e.message);
  });
}

/** The timeline as CSV: a row per bucket; each series' 95 % interval in _lo and _hi columns when replications ran. */
function timelineCsv(r: ScenarioResult): string {
  const tl = r.timeline;
  const cols: [string, { mean: (number | null)[]; lo?: (number | null)[]; hi?: (number | null)[] }][] = [
    ['offeredRps', tl.offeredRps],
    ['goodputRps', tl.goodputRps],
    ...Object.entries(tl.errors).map(([k, s]) => [`${k}Rps`, s] as [string, typeof s]),
    ['p50Ms', tl.p50Ms],
    ['p99Ms', tl.p99Ms],
    ...Object.entries(tl.nodes).flatMap(([id, n]) => Object.entries(n).map(([k, s]) => [`${id}.${k}`, s] as [string, typeof s])),
  ];
  const quote = (s: string) => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
  const head = ['t', ...cols.flatMap(([name, s]) => (s.lo ? [name, `${name}_lo`, `${name}_hi`] : [name]))];
  const cell = (v: number | null | undefined) => (v === null || v === undefined ? '' : String(v));
  const rows = tl.t.map((t, b) => [String(t), ...cols.flatMap(([, s]) => (s.lo ? [cell(s.mean[b]), cell(s.lo[b]), cell(s.hi?.[b])] : [cell(s.mean[b])]))].join(','));
  return [head.map(quote).join(','), ...rows].join('\n') + '\n';
}

/** A worker thread running this same file (below), as the app runs des.worker.ts on Web Workers. */
function spawnThread(): DesWorkerLike {
  // The thread runs this file through the same TypeScript loader as the command.
  const boot = `import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))}).then((tsx) => { tsx.register(); return import(${JSON.stringify(import.meta.url)}); });`;
  const thread = new Worker(boot, { eval: true });
  const like: DesWorkerLike = { onmessage: null, onerror: null, postMessage: (job) => thread.postMessage(job), terminate: () => void thread.terminate() };
  thread.on('message', (data: DesReply) => like.onmessage?.({ data } as MessageEvent<DesReply>));
  thread.on('error', (e: Error) => like.onerror?.({ message: `a worker thread failed: ${e.message}` } as ErrorEvent));
  return like;
}

/** The replications on worker threads, as the app runs them on Web Workers. */
async function replicate(design: Design, replications: number, requests: number, seed: number): Promise<SimResult> {
  const { runReplications } = await import('../src/simulation/des-client');
  const run = runReplications(design, { replications, requests, seed, workers: availableParallelism() }, () => {}, spawnThread);
  return (await run.promise) ?? { ok: false, error: 'the replications were stopped' };
}

const oneLine = (s: string) => s.replace(/\s*\n\s*/g, ' ').trim();

// A reader that stops early (`| head`) closes the pipe: that is the reader's choice, not a failure.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(0);
  process.stderr.write(`sim: cannot write the report: ${e.code ?? e.message}\n`);
  process.exit(1);
});

if (!isMainThread) {
  // A worker thread of replicate(): one replication per message, as des.worker.ts in the browser.
  const { simulateDes } = await import('../src/simulation/des');
  const { scenarioJob } = await import('../src/simulation/scenario/worker-job');
  parentPort!.on('message', (job: DesJob) => {
    // No partial timelines: the command prints only the end result.
    if (job.scenario) return scenarioJob(job, Infinity, (reply) => parentPort!.postMessage(reply));
    const reply: DesReply = { type: 'done', result: simulateDes(job.design, { requests: job.requests, seed: job.seed, warmupFraction: job.warmupFraction }) };
    parentPort!.postMessage(reply);
  });
} else main(process.argv.slice(2)).then(
  (json) => process.stdout.write(json),
  (e: unknown) => {
    process.stderr.write(`sim: ${oneLine(e instanceof Error ? e.message : String(e))}\n`);
    process.exitCode = e instanceof InputError ? 2 : 1;
  },
);
