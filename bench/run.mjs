// `npm run bench`: builds the app, runs every bench, prints the figures and writes
// bench/results.json. Figures, not pass/fail: the targets are printed beside them.
import { existsSync, writeFileSync } from 'node:fs';
import { run } from './lib.mjs';
import { runCanvasBench } from './canvas.bench.mjs';
import { runLoadBench } from './load.bench.mjs';

const only = process.argv.slice(2);
const want = (name) => only.length === 0 || only.includes(name);
const results = { date: new Date().toISOString(), node: process.version };

// BENCH_DIST: the folder the app is built into and served from (default dist/), so that a run
// beside others does not replace their build.
const dist = process.env.BENCH_DIST ?? 'dist';
process.env.BENCH_DIST = dist;
run('npx', ['vite', 'build', '--logLevel', 'warn', '--outDir', dist, '--emptyOutDir']);
const benches = [
  ['load', runLoadBench],
  ['canvas', runCanvasBench],
];
// Each further bench is a file bench/<name>.bench.mjs exporting run<Name>Bench().
for (const name of ['sim', 'layout', 'share', 'interview', 'scale', 'refine', 'scenario']) {
  const file = new URL(`./${name}.bench.mjs`, import.meta.url);
  if (!existsSync(file)) continue;
  const mod = await import(file.href);
  benches.push([name, mod[`run${name[0].toUpperCase()}${name.slice(1)}Bench`]]);
}
for (const [name, fn] of benches) {
  if (!want(name)) continue;
  process.stdout.write(`\n== ${name}\n`);
  results[name] = await fn();
  console.log(JSON.stringify(results[name], null, 2));
}
writeFileSync(new URL('./results.json', import.meta.url), JSON.stringify(results, null, 2) + '\n');
console.log('\nwritten: bench/results.json');
