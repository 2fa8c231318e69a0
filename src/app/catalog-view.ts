// The catalog as the UI reads it: the kinds (palette, command palette, canvas icons) and the
// name each node goes by, the same on the canvas, in the results and in exports.
import { catalog } from '../catalog';
import type { Design, DesignNode } from '../model/design';
import { displayName } from '../model/display-name';
import { isSource } from '../model/source';

export { catalog };
export type { ComponentKind } from '../catalog';

/** A node's name: its label, else its kind's name in the catalog (see model/display-name.ts). */
export function nodeName(node: DesignNode): string {
  return displayName(node, catalog.get(node.kind)?.name);
}

/** Every node's name by id, for lists that name many (results table, SLO plan). */
export function displayNames(design: Design): Map<string, string> {
  return new Map(design.nodes.map((n) => [n.id, nodeName(n)]));
}

/** The nodes that send load (model/source.ts), in drawing order. */
export function sourcesOf(design: Design): DesignNode[] {
  return design.nodes.filter(isSource);
}
