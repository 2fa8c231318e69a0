// `npm run sim -- <design.json | -> [--mode analytic|des] [--requests N] [--seed S]`: the
// simulator from the command line, for CI checks of designs. stdout carries the JSON report and
// nothing else; any problem with the input is one line on stderr and exit code 2 (1: an internal
// error).
import { join } from 'node:path';
import { loadCatalogFromDir } from '../src/catalog/load-node';
import { sloProblem } from '../src/model/checks';
import { designTextFromFile } from '../src/persistence/import-file';
import { MAX_TEXT_BYTES, restore } from '../src/persistence/restore';
import { analyze } from '../src/simulation/analytic';
import type { SimResult } from '../src/simulation/report';
import { InputError, readInput } from './read-input';

const USAGE = 'usage: npm run sim -- <design.json | -> [--mode analytic|des] [--requests N] [--seed S]';
// As many as the app's Run button allows: a minute or two on a large design. More would run for
// hours without a word.
const MAX_REQUESTS = 10_000_000;

interface Args {
  file: string;
  mode: 'analytic' | 'des';
  requests?: number;
  seed?: number;
}

function parseArgs(argv: string[]): Args {
  let file: string | undefined;
  let mode: Args['mode'] = 'analytic';
  let requests: number | undefined;
  let seed: number | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (!arg.startsWith('--') || arg === '-') {
      if (file !== undefined) throw new InputError(`one design file only (got "${file}" and "${arg}"); ${USAGE}`);
      file = arg;
      continue;
    }
    const eq = arg.indexOf('=');
    const name = eq < 0 ? arg : arg.slice(0, eq);
    const value = eq < 0 ? argv[++i] : arg.slice(eq + 1);
    if (!['--mode', '--requests', '--seed'].includes(name)) throw new InputError(`unknown option ${name}; ${USAGE}`);
    if (value === undefined || value === '') throw new InputError(`${name} needs a value; ${USAGE}`);
    if (name === '--mode') {
      if (value !== 'analytic' && value !== 'des') throw new InputError(`--mode must be analytic or des (got "${value}")`);
      mode = value;
    } else if (name === '--requests') {
      requests = Number(value);
      if (!/^\d+$/.test(value) || !(requests >= 1) || requests > MAX_REQUESTS) {
        throw new InputError(`--requests must be a whole number from 1 to ${MAX_REQUESTS.toLocaleString('en-US')}, the most a run can take in minutes (got "${value}")`);
      }
    } else {
      seed = Number(value);
      if (!/^\d+$/.test(value) || seed > 2 ** 32 - 1) throw new InputError(`--seed must be a whole number from 0 to 4294967295 (got "${value}")`);
    }
  }
  if (file === undefined) throw new InputError(`no design file given; ${USAGE}`);
  return { file, mode, requests, seed };
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
  let result: SimResult;
  if (args.mode === 'des') {
    // Loaded only when asked for: analytic runs never depend on the discrete-event engine.
    const { simulateDes } = await import('../src/simulation/des');
    result = simulateDes(restored.design, { requests: args.requests, seed: args.seed });
  } else {
    result = analyze(restored.design);
  }
  if (!result.ok) throw new InputError(`${args.file}: ${result.error}`);
  return JSON.stringify(result.report, null, 2) + '\n';
}

const oneLine = (s: string) => s.replace(/\s*\n\s*/g, ' ').trim();

// A reader that stops early (`| head`) closes the pipe: that is the reader's choice, not a failure.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(0);
  process.stderr.write(`sim: cannot write the report: ${e.code ?? e.message}\n`);
  process.exit(1);
});

main(process.argv.slice(2)).then(
  (json) => process.stdout.write(json),
  (e: unknown) => {
    process.stderr.write(`sim: ${oneLine(e instanceof Error ? e.message : String(e))}\n`);
    process.exitCode = e instanceof InputError ? 2 : 1;
  },
);
