// A saved design that cannot be opened is never overwritten or hidden: the user is told which
// one, why, and can download the record exactly as stored to keep or repair it by hand.
import { metaOf } from '../persistence/design-index';

export interface DamagedRecord {
  id: string;
  message: string;
  fileName: string;
  /** The stored record as text, for the download. */
  text: string;
}

export function damagedRecord(id: string, raw: unknown, reason: string, knownName?: string): DamagedRecord {
  const name = knownName ?? metaOf(id, raw).name;
  const safe = name.replace(/[^\w\- ]+/g, '').trim().replace(/\s+/g, '-').toLowerCase().slice(0, 60) || 'design';
  return {
    id,
    message: `The saved design “${name}” could not be opened: ${reason} It is kept as it was.`,
    fileName: `${safe}.damaged.json`,
    text: rawText(raw),
  };
}

/** Whatever IndexedDB held (it stores more than JSON can say), as faithfully as JSON allows. */
function rawText(raw: unknown): string {
  try {
    return JSON.stringify(raw, (_, v) => (typeof v === 'bigint' ? v.toString() : v), 2) ?? String(raw);
  } catch {
    return String(raw);
  }
}
