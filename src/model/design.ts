// The design document: our own model, independent of any canvas library.
// Saved files, IndexedDB records, share links and `npm run sim` all use this shape.

import type { Scenario } from './scenario';

export const FORMAT = 'mlsd-design';
export const FORMAT_VERSION = 1;

export interface Position {
  x: number;
  y: number;
}

export type ServiceDist = 'exponential' | 'constant' | 'lognormal';

/** Service time of one request at one server. `cv` only for lognormal. */
export interface Service {
  dist: ServiceDist;
  meanMs: number;
  cv?: number;
}

/** Dynamic batching (model servers): see docs/simulation.md. */
export interface Batch {
  maxSize: number;
  timeoutMs: number;
  perItemMs: number;
}

/**
 * Parameters of a component. The simulation reads the named ones; a catalog kind may expose
 * more (e.g. `pricePerReplicaMonthUsd`), and unknown ones are kept as they are.
 */
export interface NodeParams {
  /** A source: requests per second it sends (clients and the like). */
  rps?: number;
  arrivals?: 'poisson' | 'uniform';
  replicas?: number;
  concurrency?: number;
  service?: Service;
  queueLimit?: number;
  hitRatio?: number;
  dispatch?: 'all' | 'one';
  fanout?: 'parallel' | 'sequential';
  batch?: Batch;
  itemsPerRequest?: number;
  perItemMs?: number;
  [key: string]: unknown;
}

export type EdgeMode = 'sync' | 'async' | 'offline';

export interface EdgeParams {
  mode: EdgeMode;
  probability?: number;
  weight?: number;
  networkMs?: number;
  [key: string]: unknown;
}

/** Kinds that are drawn but never simulated. */
export const GROUP_KIND = 'group';
export const NOTE_KIND = 'note';

export interface DesignNode {
  id: string;
  kind: string;
  label?: string;
  position: Position;
  params: NodeParams;
  /** Frames (kind `group`) and notes carry a size; components use the canvas default. */
  size?: { width: number; height: number };
  /** The frame this node belongs to; its position is then relative to the frame. */
  parentId?: string;
  /** Text of a free note (kind `note`). */
  text?: string;
  [key: string]: unknown;
}

export interface DesignEdge {
  id: string;
  source: string;
  target: string;
  params: EdgeParams;
  label?: string;
  [key: string]: unknown;
}

/**
 * The service-level objective: a p99 target (ms) at a total source load (rps), both above zero
 * (`SLO_RULES` in rules.ts). restore() removes an invalid one with a warning.
 */
export interface Slo {
  p99Ms: number;
  rps: number;
}

export interface Design {
  format: typeof FORMAT;
  version: typeof FORMAT_VERSION;
  name: string;
  nodes: DesignNode[];
  edges: DesignEdge[];
  /** Notes per step of the interview framework, keyed by step id. */
  notes: Record<string, string>;
  slo?: Slo;
  /** The design run over time: load profiles and events (scenario.ts, docs/format.md). */
  scenario?: Scenario;
  [key: string]: unknown;
}

export function emptyDesign(name = 'Untitled design'): Design {
  return { format: FORMAT, version: FORMAT_VERSION, name, nodes: [], edges: [], notes: {} };
}

export function isDrawingOnly(node: DesignNode): boolean {
  return node.kind === GROUP_KIND || node.kind === NOTE_KIND;
}
