// `npm run sim -- <design.json> [--mode analytic|des] [--requests N] [--seed S]`: the simulator
// from the command line, for CI checks of designs. stdout carries the JSON report and nothing
// else; any problem with the input is one line on stderr and exit code 2 (1: an internal error).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadCatalogFromDir } from '../src/catalog/load-node';
import { restore } from '../src/persistence/restore';
import { analyze } from '../src/simulation/analytic';
import type { SimResult } from '../src/simulation/report';

const USAGE = 'usage: npm run sim -- <design.json> [--mode analytic|des] [--requests N] [--seed S]';

class InputError extends Error {}

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
    if (!arg.startsWith('--')) {
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
      if (!/^\d+$/.test(value) || !(requests >= 1) || requests > 1e9) throw new InputError(`--requests must be a whole number from 1 to 1e9 (got "${value}")`);
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
  let text: string;
  try {
    text = readFileSync(args.file, 'utf8');
  } catch (e) {
    throw new InputError(`cannot read ${args.file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  const catalog = loadCatalogFromDir(join(import.meta.dirname, '../components-catalog'));
  const restored = restore(text, { defaultsFor: (kind) => catalog.defaultsFor(kind) });
  if (!restored.ok) throw new InputError(`${args.file}: ${restored.error}`);
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

main(process.argv.slice(2)).then(
  (json) => process.stdout.write(json),
  (e: unknown) => {
    process.stderr.write(`sim: ${oneLine(e instanceof Error ? e.message : String(e))}\n`);
    process.exitCode = e instanceof InputError ? 2 : 1;
  },
);
