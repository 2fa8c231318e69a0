// Parameters shown for a component whose kind the catalog does not know: the ones the
// simulator reads, so a design from a newer version can still be tuned and simulated.
import type { ParamSpec } from '../../catalog/types';

export const GENERIC_PARAMS: ParamSpec[] = [
  { key: 'replicas', label: 'Replicas', type: 'integer', min: 1, max: 10000 },
  { key: 'concurrency', label: 'Concurrency per replica', type: 'integer', min: 1, max: 10000 },
  { key: 'service.meanMs', label: 'Mean service time (ms)', type: 'number', min: 0, max: 600000 },
  { key: 'service.dist', label: 'Service time distribution', type: 'enum', options: ['exponential', 'constant', 'lognormal'] },
  { key: 'service.cv', label: 'Service time CV (lognormal)', type: 'number', min: 0, max: 20 },
];

export const SOURCE_PARAMS: ParamSpec[] = [
  { key: 'rps', label: 'Load (requests/s)', type: 'number', min: 0, max: 10000000 },
  { key: 'arrivals', label: 'Arrivals', type: 'enum', options: ['poisson', 'uniform'] },
];

export const EDGE_PARAMS: ParamSpec[] = [
  { key: 'mode', label: 'Mode', type: 'enum', options: ['sync', 'async', 'offline'], help: 'sync: the caller waits · async: a message, adds load only · offline: drawn, never simulated' },
  { key: 'probability', label: 'Probability of the call (0–1)', type: 'ratio', min: 0, max: 1, step: 0.01 },
  { key: 'weight', label: 'Weight (when the caller dispatches to one)', type: 'number', min: 0, max: 1000000 },
  { key: 'networkMs', label: 'Network time (ms)', type: 'number', min: 0, max: 100000 },
];
