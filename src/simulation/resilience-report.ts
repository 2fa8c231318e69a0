// What a discrete-event run with resilience settings or failing components adds to its report:
// failed user requests by cause, and per connection with settings how many attempts a call took.
import type { SimGraph } from './graph';
import type { Counters, Nodes } from './des-state';
import { byId, type ResilienceReport } from './report';

/** `measured`: the user requests the report's errorRate counts (those that arrived after the warm-up). */
export function resilienceReport(g: SimGraph, N: Nodes, c: Counters, measured: number): ResilienceReport | undefined {
  if (!N.faulty) return undefined;
  const share = (i: number) => (measured > 0 ? c.rootCauses[i] / measured : 0);
  const edges = byId<ResilienceReport['edges'][string]>();
  for (let k = 0; k < N.eRes.length; k++) {
    if (!N.eRes[k]) continue;
    const calls = c.resCalls[k];
    const per = (x: number) => (calls > 0 ? x / calls : 0);
    edges[g.edges[N.edgeId[k]].id] = {
      attemptsPerCall: per(c.edgeCalls[k]),
      retriesPerCall: per(c.retries[k]),
      hedgesPerCall: per(c.hedges[k]),
      timedOutPerCall: per(c.timedOut[k]),
      breakerOpenPerCall: per(c.breakerOpen[k]),
    };
  }
  return { failures: { rejected: share(0), timedOut: share(1), breakerOpen: share(2), failed: share(3) }, edges };
}

/** Replications combined: each share the replications' average (replications.ts). */
export function combineResilience(list: readonly ResilienceReport[], avg: (xs: number[]) => number | null): ResilienceReport {
  const f = (key: keyof ResilienceReport['failures']) => avg(list.map((r) => r.failures[key])) ?? 0;
  const edges = byId<ResilienceReport['edges'][string]>();
  for (const [id, first] of Object.entries(list[0].edges)) {
    const e = {} as ResilienceReport['edges'][string];
    for (const key of Object.keys(first) as (keyof typeof first)[]) e[key] = avg(list.map((r) => r.edges[id]?.[key] ?? 0)) ?? 0;
    edges[id] = e;
  }
  return { failures: { rejected: f('rejected'), timedOut: f('timedOut'), breakerOpen: f('breakerOpen'), failed: f('failed') }, edges };
}
