// What a person reads for a node, wherever it is named: on the canvas, in the results, in
// pictures and exports, and to a screen reader.
import { GROUP_KIND, NOTE_KIND, type DesignNode } from './design';

const DRAWING_NAMES: Record<string, string> = { [GROUP_KIND]: 'Frame', [NOTE_KIND]: 'Note' };

const hasText = (s: string | undefined): s is string => typeof s === 'string' && s.trim() !== '';

/**
 * The node's own label; for a note without one, its text; otherwise the name of its kind
 * (`kindName`, from the catalog when the caller has it), and the kind id as the last resort.
 * A label of only spaces counts as none, so a name is never blank.
 */
export function displayName(node: DesignNode, kindName?: string): string {
  if (hasText(node.label)) return node.label;
  if (node.kind === NOTE_KIND && hasText(node.text)) return node.text;
  return DRAWING_NAMES[node.kind] ?? (hasText(kindName) ? kindName : node.kind);
}
