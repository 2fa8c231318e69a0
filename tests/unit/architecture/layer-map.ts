// The layer map of docs/architecture.md as a function: given source files as (path, text) pairs,
// it returns every import or name that breaks the map. Pure, so a test can run it on made-up
// files as well as on the real tree.
import { posix } from 'node:path';

/** What each folder of src/ may import at run time (besides itself). */
export const ALLOWED: Record<string, readonly string[]> = {
  model: [],
  catalog: ['model'],
  simulation: ['model'],
  layout: ['model'],
  persistence: ['model'],
  interview: ['model'],
  templates: ['model'],
  app: ['model', 'catalog', 'simulation', 'layout', 'persistence', 'interview', 'templates'],
  ui: ['app'],
  main: ['app', 'ui'],
};

/** What a folder may import with `import type` on top of ALLOWED: the model's types are the shared vocabulary. */
export const TYPES_ALLOWED: Record<string, readonly string[]> = { ui: ['model'] };

/** Folders outside src/ a layer may read (data, not code). */
export const DATA_ALLOWED: Record<string, readonly string[]> = { catalog: ['components-catalog'] };

/** Layers written in plain TypeScript: no Svelte, no DOM framework. */
export const PURE = ['model', 'catalog', 'simulation', 'layout', 'persistence', 'interview', 'templates'];

const CANVAS = 'src/ui/canvas/';
const ELK_HOME = 'src/layout/layout.worker.ts';
const XYFLOW_CLASS = /svelte-flow__|xy-flow/;

export interface SourceFile {
  path: string; // relative to the repository root, with forward slashes: 'src/ui/App.svelte'
  text: string;
}

export interface ImportRef {
  spec: string;
  typeOnly: boolean;
  line: number;
}

export interface Violation {
  path: string;
  line: number;
  rule: 'layer' | 'ui-skips-app' | 'xyflow' | 'xyflow-class' | 'elkjs' | 'svelte-in-pure';
  message: string;
}

const PATTERNS: { re: RegExp; spec: number; type?: number }[] = [
  // import x from '…', import { a, type B } from '…', import type …, export { … } from '…', export * from '…'
  { re: /\b(?:import|export)\s+(type\s+)?(?:[\w$]+\s*,\s*)?(?:\{[^}]*\}|\*(?:\s+as\s+[\w$]+)?|[\w$]+)\s*from\s*(['"])([^'"\n]+)\2/g, spec: 3, type: 1 },
  // import '…' (side effects)
  { re: /\bimport\s*(['"])([^'"\n]+)\1/g, spec: 2 },
  // import('…') and import.meta.glob('…')
  { re: /\bimport(?:\.meta\.glob(?:<[^>]*>)?)?\s*\(\s*(['"])([^'"\n]+)\1/g, spec: 2 },
];

export function importsOf(text: string): ImportRef[] {
  const found: ImportRef[] = [];
  for (const { re, spec, type } of PATTERNS) {
    for (const m of text.matchAll(re)) {
      const line = text.slice(0, m.index).split('\n').length;
      found.push({ spec: m[spec], typeOnly: type !== undefined && !!m[type], line });
    }
  }
  return found.sort((a, b) => a.line - b.line);
}

/** The layer a path belongs to: the folder under src/ ('src/catalog' is that folder's index), or 'main' for src/main.ts. */
export function layerOf(path: string): string | undefined {
  const parts = path.split('/');
  if (parts[0] !== 'src' || parts.length < 2) return undefined;
  return parts[1].replace(/\.(ts|js)$/, '');
}

/** Where a relative import lands, from the repository root: 'src/model/design', or undefined for a package. */
export function resolve(from: string, spec: string): string | undefined {
  if (!spec.startsWith('.')) return undefined;
  return posix.normalize(posix.join(posix.dirname(from), spec.replace(/\?.*$/, '')));
}

export function checkFile(file: SourceFile): Violation[] {
  const out: Violation[] = [];
  const { path, text } = file;
  const layer = layerOf(path);
  const add = (line: number, rule: Violation['rule'], message: string) => out.push({ path, line, rule, message });
  const inCanvas = path.startsWith(CANVAS);

  for (const ref of importsOf(text)) {
    const target = resolve(path, ref.spec);
    if (target === undefined) {
      if (ref.spec.startsWith('@xyflow/') && !inCanvas) add(ref.line, 'xyflow', `${ref.spec} is imported outside ${CANVAS}`);
      if (ref.spec.startsWith('elkjs') && path !== ELK_HOME) add(ref.line, 'elkjs', `elkjs is imported outside ${ELK_HOME}`);
      if (/^svelte(\/|$)/.test(ref.spec) && layer && PURE.includes(layer)) add(ref.line, 'svelte-in-pure', `${layer}/ is plain TypeScript but imports ${ref.spec}`);
      continue;
    }
    if (!layer) continue;
    const to = layerOf(target);
    if (to === undefined) {
      const folder = target.split('/')[0];
      if (!(DATA_ALLOWED[layer] ?? []).includes(folder)) add(ref.line, 'layer', `${layer}/ reads ${folder}/ outside src`);
      continue;
    }
    if (to === layer) continue;
    if ((ALLOWED[layer] ?? []).includes(to)) continue;
    if (ref.typeOnly && (TYPES_ALLOWED[layer] ?? []).includes(to)) continue;
    if (layer === 'ui' && to !== 'main') {
      add(ref.line, 'ui-skips-app', `ui imports ${ref.spec} directly; go through src/app/`);
    } else {
      add(ref.line, 'layer', `${layer}/ may not import ${to}/ (${ref.spec})`);
    }
  }

  if (!inCanvas && layer) {
    text.split('\n').forEach((l, i) => {
      if (XYFLOW_CLASS.test(l)) add(i + 1, 'xyflow-class', `xyflow class name outside ${CANVAS}: ${l.trim()}`);
    });
  }
  return out;
}

export function checkLayers(files: SourceFile[]): Violation[] {
  return files.flatMap(checkFile);
}
