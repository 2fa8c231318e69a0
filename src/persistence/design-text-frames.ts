// Who belongs to which frame, from the member lists of the text's frame lines. Each member gets
// its frame as `parentId`; a component listed twice, a member never declared, an id declared
// twice or frames inside each other in a circle is a sentence naming the line.
import { GROUP_KIND } from '../model/design';
import type { NodeStatement, TextError } from './design-text';

export function resolveFrames(statements: NodeStatement[]): TextError[] {
  const errors: TextError[] = [];
  const byId = new Map<string, NodeStatement>();
  for (const s of statements) {
    const first = byId.get(s.node.id);
    if (first) errors.push({ line: s.line, message: `"${s.node.id}" is already declared on line ${first.line}; each id names one thing.` });
    else byId.set(s.node.id, s);
  }
  const frameOf = new Map<string, NodeStatement>();
  for (const frame of statements) {
    for (const m of frame.members ?? []) {
      const member = byId.get(m.id);
      const earlier = frameOf.get(m.id);
      if (!member) errors.push({ line: m.line, message: `frame "${frame.node.id}" lists "${m.id}", which is not declared.` });
      else if (m.id === frame.node.id) errors.push({ line: m.line, message: `frame "${m.id}" cannot be inside itself.` });
      else if (earlier) errors.push({ line: m.line, message: `"${m.id}" is already in frame "${earlier.node.id}" (line ${earlier.line}); a component is in one frame at most.` });
      else frameOf.set(m.id, frame);
    }
  }
  for (const [id, frame] of frameOf) {
    const seen = new Set([id]);
    for (let f: NodeStatement | undefined = frame; f; f = frameOf.get(f.node.id)) {
      if (seen.has(f.node.id)) {
        errors.push({ line: frame.line, message: `frames cannot be inside each other in a circle ("${id}" ends up inside itself).` });
        break;
      }
      seen.add(f.node.id);
    }
  }
  if (errors.length > 0) return errors;
  for (const [id, frame] of frameOf) {
    if (frame.node.kind === GROUP_KIND) byId.get(id)!.node.parentId = frame.node.id;
  }
  return errors;
}
