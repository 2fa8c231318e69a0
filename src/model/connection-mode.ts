// The mode a new connection gets from what it joins, so a first design reads as the system
// would run: nobody waits on training or on a registry (offline), and what goes into a log or
// a queue is taken up later by its consumers (async). The catalog's data comes in as arguments:
// this file knows roles and categories, not the catalog.
import type { Design, EdgeMode } from './design';

/** What the rule reads of a component kind (a catalog entry has these fields). */
export interface KindRole {
  kind: string;
  role: 'source' | 'service' | 'offline';
  category: string;
}

/** A kind's role, or undefined for a kind the catalog does not know. */
export type RoleOf = (kind: string) => KindRole | undefined;

/** Categories whose members take work as messages: a log, a queue, a stream job. */
const ASYNC_CATEGORIES = new Set(['streaming']);
/** Kinds that take events fire-and-forget, outside the streaming category. */
const ASYNC_KINDS = new Set(['event-collector']);
/** Categories that run on a schedule, never on a user's request. */
const OFFLINE_CATEGORIES = new Set(['batch']);
/** Stores an online component writes logs or archives into, for the offline side to read. */
const ARCHIVE_KINDS = new Set(['object-storage', 'data-lake', 'data-warehouse']);

/**
 * The mode for a connection from `from` to `to`, first rule that applies:
 * 1. into an offline component (training, registry, offline store, batch job) → offline;
 * 2. out of an offline component (a deploy, a materialization) → offline;
 * 3. from an online service into an archive store (object storage, data lake) → offline;
 * 4. into a log, a queue or an event collector → async;
 * 5. out of a log or a queue (its consumers) → async;
 * 6. otherwise a call the requester waits for → sync. An unknown kind counts as a service.
 */
export function connectionMode(from: KindRole | undefined, to: KindRole | undefined): EdgeMode {
  if (to && (to.role === 'offline' || OFFLINE_CATEGORIES.has(to.category))) return 'offline';
  if (from?.role === 'offline') return 'offline';
  if (to && ARCHIVE_KINDS.has(to.kind) && from?.role !== 'source') return 'offline';
  if (to && (ASYNC_CATEGORIES.has(to.category) || ASYNC_KINDS.has(to.kind))) return 'async';
  if (from && ASYNC_CATEGORIES.has(from.category)) return 'async';
  return 'sync';
}

/** The rule's mode for a connection between two nodes of a design, by their kinds. */
export function modeBetween(design: Design, source: string, target: string, roleOf: RoleOf): EdgeMode {
  const kindOf = (id: string) => design.nodes.find((n) => n.id === id)?.kind;
  const role = (id: string) => {
    const kind = kindOf(id);
    return kind === undefined ? undefined : roleOf(kind);
  };
  return connectionMode(role(source), role(target));
}
