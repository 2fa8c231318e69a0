// Parameters shown for a component whose kind the catalog does not know: the ones the
// simulator reads, so a design from a newer version can still be tuned and simulated.
// Ranges are not written here: they come from the model rules (see catalog/params.ts).
import type { ParamSpec } from '../../catalog/types';
import { EDGE_CHOICES, EDGE_RULES, PARAM_CHOICES } from '../../model/rules';

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
