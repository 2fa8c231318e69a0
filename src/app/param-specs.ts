// Which fields the inspector shows for a node or a connection. A kind the catalog knows brings
// its own; a kind it does not know (a design from a newer version) gets the fields the simulator
// reads, so it can still be tuned and simulated. Ranges are not written here: they come from the
// model rules (see catalog/params.ts).
import { catalog, type ComponentKind, type ParamSpec } from '../catalog';
import type { DesignNode } from '../model/design';
import { EDGE_CHOICES, EDGE_RULES, PARAM_CHOICES } from '../model/rules';
import { isSource } from '../model/source';

export const GENERIC_PARAMS: ParamSpec[] = [
  { key: 'replicas', label: 'Replicas', type: 'integer' },
  { key: 'concurrency', label: 'Concurrency per replica', type: 'integer' },
  { key: 'service.meanMs', label: 'Mean service time (ms)', type: 'number' },
  { key: 'service.dist', label: 'Service time distribution', type: 'enum', options: [...PARAM_CHOICES['service.dist']] },
  { key: 'service.cv', label: 'Service time CV (lognormal)', type: 'number' },
];

export const SOURCE_PARAMS: ParamSpec[] = [
  { key: 'rps', label: 'Load (requests/s)', type: 'number' },
  { key: 'arrivals', label: 'Arrivals', type: 'enum', options: [...PARAM_CHOICES.arrivals] },
];

/** A connection's fields: the edge rules' ranges, written into the spec the inspector reads. */
export const EDGE_PARAMS: ParamSpec[] = [
  { key: 'mode', label: 'Mode', type: 'enum', options: [...EDGE_CHOICES.mode], help: 'sync: the caller waits · async: a message, adds load only · offline: drawn, never simulated' },
  { key: 'probability', label: 'Probability of the call (0–1)', type: 'ratio', ...EDGE_RULES.probability, step: 0.01 },
  { key: 'weight', label: 'Weight (when the caller dispatches to one)', type: 'number', ...EDGE_RULES.weight },
  { key: 'networkMs', label: 'Network time (ms)', type: 'number', ...EDGE_RULES.networkMs },
];

/** The fields of a node: its kind's, or for an unknown kind those of a source or of a generic component. */
export function paramSpecsOf(node: DesignNode, def: ComponentKind | undefined = catalog.get(node.kind)): ParamSpec[] {
  return def?.params ?? (isSource(node) ? SOURCE_PARAMS : GENERIC_PARAMS);
}

export { getParam } from '../model/param-path';
export { specRule, validateParam } from '../catalog/params';
export type { ParamSpec } from '../catalog';
