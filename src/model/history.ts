// Undo/redo over immutable snapshots. Commands share structure, so a snapshot costs only the
// arrays that changed. A drag updates `present` without recording and commits once at the end.
import type { Design } from './design';

export interface History {
  past: Design[];
  present: Design;
  future: Design[];
  /** The state to record when a run of unrecorded edits (a drag) is committed. */
  pending: Design | null;
}

export const HISTORY_LIMIT = 200;

export function createHistory(design: Design): History {
  return { past: [], present: design, future: [], pending: null };
}

/** Applies a new state. `record: false` starts or continues a transient run (see `commit`). */
export function push(h: History, next: Design, record = true): History {
  if (next === h.present) return h;
  if (!record) return { ...h, present: next, pending: h.pending ?? h.present };
  const base = h.pending ?? h.present;
  const past = [...h.past, base].slice(-HISTORY_LIMIT);
  return { past, present: next, future: [], pending: null };
}

/** Ends a transient run as one undo step (no-op if nothing changed). */
export function commit(h: History): History {
  if (!h.pending) return h;
  if (h.pending === h.present) return { ...h, pending: null };
  return { past: [...h.past, h.pending].slice(-HISTORY_LIMIT), present: h.present, future: [], pending: null };
}

export function undo(h: History): History {
  const settled = commit(h);
  if (settled.past.length === 0) return settled;
  const prev = settled.past[settled.past.length - 1];
  return { past: settled.past.slice(0, -1), present: prev, future: [settled.present, ...settled.future], pending: null };
}

export function redo(h: History): History {
  if (h.future.length === 0) return h;
  const [next, ...rest] = h.future;
  return { past: [...h.past, h.present].slice(-HISTORY_LIMIT), present: next, future: rest, pending: null };
}

export const canUndo = (h: History) => h.past.length > 0 || (h.pending !== null && h.pending !== h.present);
export const canRedo = (h: History) => h.future.length > 0;
