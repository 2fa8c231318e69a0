// The name a component goes by in the results: the same as on the canvas (its label, else
// its kind's name), so a row in the table and a box in the drawing read alike.
import { catalog } from '../../catalog';
import type { Design } from '../../model/design';

export function displayNames(design: Design): Map<string, string> {
  return new Map(design.nodes.map((n) => [n.id, n.label ?? catalog.get(n.kind)?.name ?? n.kind]));
}
