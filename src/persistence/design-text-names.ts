// Names a person may mistype in the design text: kinds and parameter keys. A name the app does
// not know is a sentence with the nearest names it does know, so a typo never passes silently
// as a new, unused parameter.
import type { Design, NodeParams } from '../model/design';
import { EDGE_RULES, PARAM_CHOICES, PARAM_RULES } from '../model/rules';

/** Letters to insert, delete or change to turn one word into the other: a typo is 1 or 2. */
function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) row[j] = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = row;
  }
  return prev[b.length];
}

function didYouMean(word: string, names: Iterable<string>): string {
  const q = word.toLowerCase();
  const all = [...new Set(names)];
  // A typo first; only when there is none, a name that holds the word or is held in it.
  const near = all.filter((n) => editDistance(n.toLowerCase(), q) <= 2);
  const like = (near.length ? near : all.filter((n) => n.toLowerCase().includes(q) || q.includes(n.toLowerCase()))).slice(0, 3);
  return like.length ? ` Did you mean ${like.map((k) => `"${k}"`).join(' or ')}?` : '';
}

export function unknownKind(kind: string, kinds: readonly string[] = []): string {
  return `"${kind}" is not a kind of component.${didYouMean(kind, kinds)}`;
}

const RULED = [...Object.keys(PARAM_RULES), ...Object.keys(PARAM_CHOICES)];

/**
 * The sentence for the first key a component line may not set, or null: a kind's own parameters,
 * the simulated ones, and any the component already has (kept from a file) are allowed.
 */
export function unknownParam(kind: string, keys: string[], defaults: NodeParams | undefined, had: NodeParams | undefined): string | null {
  const allowed = new Set([...Object.keys(defaults ?? {}), ...RULED.map((k) => k.split('.')[0]), ...Object.keys(had ?? {})]);
  const wrong = keys.find((k) => !allowed.has(k.split('.')[0]) && !allowed.has(k));
  return wrong === undefined ? null : `"${wrong}" is not a parameter of ${kind}.${didYouMean(wrong, [...RULED, ...Object.keys(defaults ?? {})])}`;
}

/** Likewise for a connection: its ruled settings (`retry` for `retry.maxAttempts`), and any the same connection already has. */
export function unknownEdgeParam(keys: string[], source: string, target: string, base: Design | undefined): string | null {
  const had = base?.edges.filter((e) => e.source === source && e.target === target).flatMap((e) => Object.keys(e.params)) ?? [];
  const allowed = new Set([...Object.keys(EDGE_RULES).map((k) => k.split('.')[0]), ...had]);
  const wrong = keys.find((k) => !allowed.has(k));
  return wrong === undefined ? null : `"${wrong}" is not a setting of a connection; it has p (probability), net (network ms), w (weight), timeoutMs, retry, breaker and hedgeMs.`;
}
