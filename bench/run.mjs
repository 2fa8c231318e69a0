// `npm run bench`: builds the app, runs every bench, prints the figures and writes
// bench/results.json. Figures, not pass/fail: the targets are printed beside them.
import { writeFileSync } from 'node:fs';
import { run } from './lib.mjs';
import { runCanvasBench } from './canvas.bench.mjs';
import { runLoadBench } from './load.bench.mjs';

const only = process.argv.slice(2);
const want = (name) => only.length === 0 || only.includes(name);
const results = { date: new Date().toISOString(), node: process.version };

run('npx', ['vite', 'build', '--logLevel', 'warn']);
const benches = [
  ['load', runLoadBench],
  ['canvas', runCanvasBench],
];
try {
  const { runSimBench } = await import('./sim.bench.mjs');
  benches.push(['sim', runSimBench]);
} catch {
  // The simulator bench is optional while it is being built.
}
for (const [name, fn] of benches) {
  if (!want(name)) continue;
  process.stdout.write(`\n== ${name}\n`);
  results[name] = await fn();
  console.log(JSON.stringify(results[name], null, 2));
}
writeFileSync(new URL('./results.json', import.meta.url), JSON.stringify(results, null, 2) + '\n');
console.log('\nwritten: bench/results.json');
