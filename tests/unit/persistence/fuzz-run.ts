// The hostile-input fuzzer, shared by the unit test (a short run) and `npm run fuzz` (a long one):
// random and mutated design objects, files and share links go through decode + restore(). Seeded,
// so a failure reproduces; the seed and the case are in the message.
import { deflateRawSync } from 'node:zlib';
import { restore, type RestoreOptions, type RestoreResult } from '../../../src/persistence/restore';
import { DAMAGED_LINK, decodeShareLink, encodeShareLink } from '../../../src/persistence/share-link';
import { crc32 } from '../../../src/persistence/png-chunk';
import { designProblem } from './design-check';
import { mutate, mutateLink, mutateText, prng, sample } from './fuzz-cases';

export interface FuzzOptions {
  seed: number;
  /** Cases in all: 40 % objects, 40 % files (half of them also as links), 20 % damaged links. */
  iterations: number;
  kinds: readonly string[];
  defaultsFor: NonNullable<RestoreOptions['defaultsFor']>;
  /** Designs every run starts from besides random ones (a real file, a template). */
  seeds?: readonly unknown[];
}

export interface FuzzCounts {
  objects: number;
  files: number;
  links: number;
  ok: number;
  refused: number;
}

/** A link of the given text as each link version writes it (1: no checksum, 2: CRC-32). */
export function linkOfText(text: string, version: 1 | 2): string {
  const data = deflateRawSync(Buffer.from(text)).toString('base64url');
  if (version === 1) return `#d=1.${data}`;
  const sum = crc32(new TextEncoder().encode(`2.${data}`)).toString(16).padStart(8, '0');
  return `#d=2.${sum}.${data}`;
}

/** Throws with the seed and the case on the first failure; returns what it checked. */
export async function runFuzz(o: FuzzOptions): Promise<FuzzCounts> {
  const opts = { defaultsFor: o.defaultsFor };
  const rng = prng(o.seed);
  const starts = [...(o.seeds ?? []), ...Array.from({ length: 20 }, () => sample(rng, o.kinds))];
  const goodLinks = await Promise.all(starts.map(async (s) => {
    const r = restore(s, opts);
    if (!r.ok) return null;
    const link = await encodeShareLink(r.design, opts);
    const opened = await decodeShareLink(link, opts);
    if (!opened.ok) throw new Error(`seed ${o.seed}: a link the app made does not open (${opened.error})`);
    return { link, design: opened.design };
  }));
  const counts: FuzzCounts = { objects: 0, files: 0, links: 0, ok: 0, refused: 0 };
  const tally = (r: RestoreResult) => void (r.ok ? counts.ok++ : counts.refused++);
  const start = (): unknown => (rng.next() < 0.5 ? sample(rng, o.kinds) : rng.pick(starts));
  const perKind = Math.round(o.iterations * 0.4);

  for (let i = 0; i < perKind; i++) {
    let doc = start();
    for (let m = 1 + rng.int(4); m > 0; m--) doc = mutate(doc, rng, true);
    const what = `object #${i} (seed ${o.seed})`;
    let r: RestoreResult;
    try {
      r = restore(doc, opts);
    } catch (e) {
      throw new Error(`${what}: threw ${(e as Error).message}`);
    }
    judge(r, what);
    tally(r);
    counts.objects++;
  }
  for (let i = 0; i < perKind; i++) {
    let doc = start();
    for (let m = rng.int(4); m > 0; m--) doc = mutate(doc, rng, false);
    let text = JSON.stringify(doc) ?? '';
    if (rng.next() < 0.5) text = mutateText(text, rng);
    const what = `file #${i} (seed ${o.seed})`;
    const r = restore(text, opts);
    judge(r, what);
    tally(r);
    counts.files++;
    // The same text in a link of either version: decode inflates, then restores the same way.
    if (i % 2 === 0) {
      const viaLink = await decodeShareLink(linkOfText(text, i % 4 === 0 ? 1 : 2), opts);
      judge(viaLink, `${what} as a link`);
      if (viaLink.ok !== r.ok) throw new Error(`${what}: the file ${r.ok ? 'opens' : 'is refused'} but the link ${viaLink.ok ? 'opens' : 'is refused'}`);
      counts.links++;
    }
  }
  const good = goodLinks.filter((g) => g !== null);
  for (let i = 0; i < o.iterations - 2 * perKind; i++) {
    const { link, design } = rng.pick(good);
    let bad = link;
    for (let m = 1 + rng.int(3); m > 0; m--) bad = mutateLink(bad, rng);
    const r = await decodeShareLink(bad, opts);
    const what = `link #${i} (seed ${o.seed}): ${bad.slice(0, 60)}`;
    judge(r, what);
    checkDamaged(r, bad, link, what, design);
    tally(r);
    counts.links++;
  }
  if (({} as Record<string, unknown>).polluted !== undefined) throw new Error(`seed ${o.seed}: Object.prototype was polluted`);
  return counts;
}

/**
 * A changed link is refused, and one of a checksummed version as damaged; only an unchanged one
 * opens, and then as it was made. Version 1 links have no checksum: they only have to be judged.
 */
function checkDamaged(r: RestoreResult, bad: string, link: string, what: string, design: unknown): void {
  if (bad === link) {
    if (!r.ok || JSON.stringify(r.design) !== JSON.stringify(design)) throw new Error(`${what}: an unchanged link did not open as made`);
  } else if (bad.startsWith('#d=1.')) {
    return;
  } else if (r.ok) {
    throw new Error(`${what}: a changed link opened (${r.design.nodes.length} components, ${r.design.edges.length} connections)`);
  } else if (bad.startsWith('#d=') && r.error !== DAMAGED_LINK) {
    throw new Error(`${what}: refused with "${r.error}" instead of the damaged-link message`);
  }
}

function judge(r: RestoreResult, what: string): void {
  if (r.ok) {
    const problem = designProblem(r.design);
    if (problem) throw new Error(`${what}: restored an invalid design (${problem})`);
  } else if (typeof r.error !== 'string' || r.error.trim() === '') {
    throw new Error(`${what}: an error without a message`);
  }
}
