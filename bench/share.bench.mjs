// Share-link bench: the link length of each reference design (the templates, the v1 fixture and
// a generated 30-component design) against the 2,000-character target, and the compression ratio.
// The figures come from bench/share-run.ts under tsx, which reads the TypeScript sources.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const TARGET_CHARS = 2000;

export async function runShareBench() {
  const r = spawnSync('npx', ['tsx', 'bench/share-run.ts'], { cwd: root, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`share-run failed: ${r.stderr}`);
  const designs = JSON.parse(r.stdout.trim().split('\n').pop());
  const lengths = designs.filter((d) => d.linkChars).map((d) => d.linkChars);
  return {
    targets: { linkChars: `each ≤ ${TARGET_CHARS}` },
    longestLinkChars: Math.max(...lengths),
    allWithinTarget: designs.every((d) => d.linkChars <= TARGET_CHARS),
    allRoundTrip: designs.every((d) => d.roundTrips),
    encoder: 'Node CompressionStream deflate-raw (Chromium differs by about 1 %)',
    designs,
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) console.log(JSON.stringify(await runShareBench(), null, 2));
