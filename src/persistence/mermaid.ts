// Design → Mermaid flowchart text, to paste into docs or a GitHub issue. Our ids may hold any
// character, so nodes get generated ids (n1, n2, …) and every label is quoted and escaped with
// Mermaid's entity codes. Frames become subgraphs; notes are left out (they have no place in a
// flowchart). Sync calls are solid arrows, async dotted, offline dotted and labelled "offline".
import { GROUP_KIND, NOTE_KIND, type Design, type DesignNode } from '../model/design';
import { displayName } from '../model/display-name';

export interface MermaidOptions {
  /** The text shown for a component (e.g. its label, else its catalog name). */
  labelOf?: (node: DesignNode) => string;
  /** Kinds drawn as a cylinder (databases, stores). */
  isStore?: (node: DesignNode) => boolean;
}

/** Quoted Mermaid label text: quotes, angle brackets, # and backticks as entity codes. */
export function mermaidLabel(text: string): string {
  const body = text
    .replace(/[\r\n]+/g, ' ')
    .replace(/#/g, '#35;')
    .replace(/"/g, '#quot;')
    .replace(/</g, '#lt;')
    .replace(/>/g, '#gt;')
    .replace(/`/g, '#96;')
    .trim();
  return `"${body || ' '}"`;
}

export function designToMermaid(design: Design, options: MermaidOptions = {}): string {
  const labelOf = options.labelOf ?? ((n: DesignNode) => displayName(n));
  const nodes = design.nodes.filter((n) => n.kind !== NOTE_KIND);
  const idOf = new Map(nodes.map((n, i) => [n.id, `${n.kind === GROUP_KIND ? 'f' : 'n'}${i + 1}`]));
  const frames = new Set(nodes.filter((n) => n.kind === GROUP_KIND).map((n) => n.id));
  const children = new Map<string | undefined, DesignNode[]>();
  for (const n of nodes) {
    const parent = n.parentId && frames.has(n.parentId) ? n.parentId : undefined;
    children.set(parent, [...(children.get(parent) ?? []), n]);
  }

  const lines = ['flowchart LR', `  %% ${design.name.replace(/[\r\n]+/g, ' ')}`];
  const seen = new Set<string>();
  const emit = (parent: string | undefined, indent: string) => {
    for (const n of children.get(parent) ?? []) {
      if (seen.has(n.id)) continue; // a frame cycle cannot recurse forever
      seen.add(n.id);
      const id = idOf.get(n.id)!;
      if (n.kind === GROUP_KIND) {
        lines.push(`${indent}subgraph ${id}[${mermaidLabel(labelOf(n))}]`);
        emit(n.id, indent + '  ');
        lines.push(`${indent}end`);
      } else if (options.isStore?.(n)) {
        lines.push(`${indent}${id}[(${mermaidLabel(labelOf(n))})]`);
      } else {
        lines.push(`${indent}${id}[${mermaidLabel(labelOf(n))}]`);
      }
    }
  };
  emit(undefined, '  ');

  for (const e of design.edges) {
    const a = idOf.get(e.source);
    const b = idOf.get(e.target);
    if (!a || !b) continue;
    const mode = e.params.mode;
    const text = [mode === 'offline' ? 'offline' : '', e.label ?? ''].filter(Boolean).join(': ');
    const arrow = mode === 'sync' ? '-->' : '-.->';
    lines.push(`  ${a} ${arrow}${text ? `|${mermaidLabel(text)}|` : ''} ${b}`);
  }
  return lines.join('\n') + '\n';
}
