// What a source is: a component that sends requests of its own, which is a component with a
// numeric `rps` (clients and the like; see docs/simulation.md). The simulator, the SLO, the
// inspector and the envelope calculator all ask this one question.
import type { Design, DesignNode } from './design';

export function isSource(node: DesignNode): node is DesignNode & { params: { rps: number } } {
  // `?.`: the simulator also reads designs that never went through restore().
  return typeof node.params?.rps === 'number';
}

/** The load all sources send together, in requests per second. */
export function totalSourceRps(design: Design): number {
  let sum = 0;
  for (const n of design.nodes) if (isSource(n)) sum += n.params.rps;
  return sum;
}
