// `npm run fuzz -- [--seed N] [--iterations N]`: a longer seeded run of the hostile-input fuzzer
// the unit tests run briefly (tests/unit/persistence/fuzz-run.ts). Prints what it checked; exits
// 1 on the first failure, with the seed and the case to reproduce it, and 2 on bad arguments.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { loadCatalogFromDir } from '../src/catalog/load-node';
import { runFuzz } from '../tests/unit/persistence/fuzz-run';

const root = join(import.meta.dirname, '..');

function usage(message: string): never {
  console.error(`${message}\nusage: npm run fuzz -- [--seed <integer>] [--iterations <integer ≥ 10>]`);
  process.exit(2);
}

let values: { seed?: string; iterations?: string };
try {
  ({ values } = parseArgs({ options: { seed: { type: 'string' }, iterations: { type: 'string' } } }));
} catch (e) {
  usage((e as Error).message);
}
const seed = values.seed === undefined ? Date.now() % 2 ** 31 : Number(values.seed);
const iterations = Number(values.iterations ?? 100_000);
if (!Number.isSafeInteger(seed) || seed < 0) usage(`--seed must be a whole number ≥ 0 (got ${values.seed}).`);
if (!Number.isSafeInteger(iterations) || iterations < 10 || iterations > 1e8) usage(`--iterations must be a whole number from 10 to 100000000 (got ${values.iterations}).`);

const catalog = loadCatalogFromDir(join(root, 'components-catalog'));
const fixture = JSON.parse(readFileSync(join(root, 'tests/fixtures/v1-design.json'), 'utf8'));
const templates = readTemplates();

console.log(`fuzz: seed ${seed}, ${iterations.toLocaleString('en-US')} cases; starting from the v1 fixture, ${templates.length} templates and random designs`);
const started = Date.now();
try {
  const c = await runFuzz({
    seed,
    iterations,
    kinds: catalog.kinds.map((k) => k.kind),
    defaultsFor: (k) => catalog.defaultsFor(k),
    seeds: [fixture, ...templates],
  });
  console.log(`checked ${c.objects.toLocaleString('en-US')} objects through restore(), ${c.files.toLocaleString('en-US')} files, ${c.links.toLocaleString('en-US')} share links (version 1 and 2, changed, cut and extended)`);
  console.log(`${c.ok.toLocaleString('en-US')} opened as valid designs, ${c.refused.toLocaleString('en-US')} refused with a message; no changed checksummed link opened; ${((Date.now() - started) / 1000).toFixed(1)} s`);
} catch (e) {
  console.error(`FAILED: ${(e as Error).message}\nreproduce with: npm run fuzz -- --seed ${seed} --iterations ${iterations}`);
  process.exit(1);
}

/** The case-study templates: real designs of realistic size. */
function readTemplates(): unknown[] {
  const dir = join(root, 'src/templates/designs');
  return readdirSync(dir).filter((f) => f.endsWith('.json')).map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')));
}
