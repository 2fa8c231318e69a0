// A small design with a scenario and every resilience setting, opened through restore() with the
// catalog's defaults: the starting point of the scenario persistence tests.
import { catalog } from '../../../src/catalog';
import type { Design } from '../../../src/model/design';
import { restore } from '../../../src/persistence/restore';

export const opts = { defaultsFor: (k: string) => catalog.defaultsFor(k) };

export const SCENARIO_DESIGN = {
  format: 'mlsd-design',
  version: 1,
  name: 'Scenario fixture',
  nodes: [
    { id: 'zone-a', kind: 'group', label: 'Zone A', position: { x: 250, y: -50 }, size: { width: 500, height: 300 } },
    { id: 'users', kind: 'client', position: { x: 0, y: 0 }, params: { rps: 200, users: 500, thinkMs: 2000 } },
    { id: 'api', kind: 'api-gateway', parentId: 'zone-a', position: { x: 20, y: 40 }, params: { replicas: 2, failureRate: 0.001 } },
    { id: 'cache', kind: 'cache', position: { x: 600, y: 0 }, params: { hitRatio: 0.9 } },
    {
      id: 'features', kind: 'feature-store-online', position: { x: 900, y: 0 },
      params: { replicas: 3, service: { dist: 'lognormal', meanMs: 5, cv: 1, slowShare: 0.01, slowFactor: 20 }, autoscale: { min: 2, max: 8, target: 0.6, periodS: 15, delayS: 45 } },
    },
  ],
  edges: [
    { id: 'e1', source: 'users', target: 'api', params: { mode: 'sync', timeoutMs: 800, retry: { maxAttempts: 3, baseMs: 50, capMs: 2000, jitter: 'full', budget: 0.1 } } },
    { id: 'e2', source: 'api', target: 'cache', params: { mode: 'sync', hedgeMs: 20 } },
    { id: 'e3', source: 'cache', target: 'features', params: { mode: 'sync', timeoutMs: 100, breaker: { errorRate: 0.5, window: 50, openMs: 5000 } } },
  ],
  notes: {},
  scenario: {
    name: 'Evening peak and a flush',
    durationS: 120,
    bucketS: 1,
    profiles: {
      users: { shape: 'ramp', fromS: 10, toS: 40, factor: 3 },
    },
    events: [
      { type: 'flush', atS: 50, node: 'cache', warmupS: 30 },
      { type: 'slow', atS: 60, node: 'features', factor: 5, durationS: 20 },
      { type: 'fail', atS: 70, node: 'api', replicas: 1, durationS: 10 },
      { type: 'frame-down', atS: 90, frame: 'zone-a', durationS: 5 },
    ],
  },
};

/** The fixture as the app holds it after opening (catalog defaults filled in). */
export function scenarioDesign(): Design {
  const r = restore(structuredClone(SCENARIO_DESIGN), opts);
  if (!r.ok) throw new Error(r.error);
  if (r.warnings.length) throw new Error(r.warnings.join('\n'));
  return r.design;
}
