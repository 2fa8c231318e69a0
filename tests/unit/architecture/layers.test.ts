// The layer map of docs/architecture.md, checked on the real source tree and on made-up files
// that break it one way each.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkFile, checkLayers, importsOf, type SourceFile } from './layer-map';
import { KNOWN_BREACHES } from './known-breaches';

const ROOT = join(import.meta.dirname, '../../..');

function sourceTree(dir = join(ROOT, 'src')): SourceFile[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceTree(path);
    if (!/\.(ts|js|svelte|css)$/.test(name)) return [];
    return [{ path: relative(ROOT, path).split('\\').join('/'), text: readFileSync(path, 'utf8') }];
  });
}

const rulesOf = (path: string, text: string) => checkFile({ path, text }).map((v) => v.rule);

describe('the source tree', () => {
  it('follows the layer map', () => {
    const files = sourceTree();
    expect(files.length).toBeGreaterThan(100);
    const broken = checkLayers(files).map((v) => `${v.path}:${v.line} ${v.message}`);
    expect(broken).toEqual([]);
  });
});

describe('the checker', () => {
  it('catches every breach the tree once held, each on its own', () => {
    expect(KNOWN_BREACHES.length).toBe(54);
    for (const [path, text] of KNOWN_BREACHES) {
      expect(checkFile({ path, text }), `${path}: ${text}`).toHaveLength(1);
    }
  });

  it('lets the UI reach lower layers only through app/, and the model only for types', () => {
    const ui = 'src/ui/panels/Inspector.svelte';
    expect(rulesOf(ui, "import { catalogView } from '../../app/catalog-view';")).toEqual([]);
    expect(rulesOf(ui, "import type { Design } from '../../model/design';")).toEqual([]);
    expect(rulesOf(ui, "import Dialog from '../dialogs/Dialog.svelte';")).toEqual([]);
    expect(rulesOf(ui, "import { GROUP_KIND, type Design } from '../../model/design';")).toEqual(['ui-skips-app']);
    expect(rulesOf(ui, "import type { Report } from '../../simulation/report';")).toEqual(['ui-skips-app']);
    expect(rulesOf(ui, "import { catalog } from '../../catalog';")).toEqual(['ui-skips-app']);
    expect(rulesOf(ui, "export { restore } from '../../persistence/restore';")).toEqual(['ui-skips-app']);
    expect(rulesOf(ui, "const m = await import('../../layout/placements');")).toEqual(['ui-skips-app']);
    expect(rulesOf(ui, "import {\n  FRAMEWORK,\n  type Step,\n} from '../../interview/framework';")).toEqual(['ui-skips-app']);
  });

  it('refuses every upward import', () => {
    expect(rulesOf('src/model/design.ts', "import type { ComponentKind } from '../catalog/types';")).toEqual(['layer']);
    expect(rulesOf('src/persistence/restore.ts', "import { catalog } from '../catalog';")).toEqual(['layer']);
    expect(rulesOf('src/simulation/analytic.ts', "import { Editor } from '../app/editor.svelte';")).toEqual(['layer']);
    expect(rulesOf('src/layout/placements.ts', "import { Simulation } from '../simulation/des';")).toEqual(['layer']);
    expect(rulesOf('src/app/editor.svelte.ts', "import { SHORTCUTS } from '../ui/shortcuts';")).toEqual(['layer']);
    expect(rulesOf('src/catalog/catalog.ts', "import type { NodeParams } from '../model/design';")).toEqual([]);
    expect(rulesOf('src/app/templates.ts', "import { TEMPLATES } from '../templates';")).toEqual([]);
    expect(rulesOf('src/main.ts', "import App from './ui/App.svelte';")).toEqual([]);
  });

  it('keeps xyflow inside ui/canvas and elkjs inside its worker', () => {
    expect(rulesOf('src/ui/App.svelte', "import { SvelteFlowProvider } from '@xyflow/svelte';")).toEqual(['xyflow']);
    expect(rulesOf('src/ui/canvas/Canvas.svelte', "import { SvelteFlow } from '@xyflow/svelte';")).toEqual([]);
    expect(rulesOf('src/ui/styles.css', '.svelte-flow__handle { width: 18px; }')).toEqual(['xyflow-class']);
    expect(rulesOf('src/ui/canvas-image.ts', "el.closest('.xy-flow')")).toEqual(['xyflow-class']);
    expect(rulesOf('src/ui/canvas/canvas.css', '.svelte-flow__handle { width: 18px; }')).toEqual([]);
    expect(rulesOf('src/layout/to-elk-graph.ts', "import ELK from 'elkjs/lib/elk.bundled.js';")).toEqual(['elkjs']);
    expect(rulesOf('src/layout/layout.worker.ts', "import ELK from 'elkjs/lib/elk.bundled.js';")).toEqual([]);
  });

  it('keeps the plain TypeScript layers free of Svelte', () => {
    expect(rulesOf('src/model/history.ts', "import { writable } from 'svelte/store';")).toEqual(['svelte-in-pure']);
    expect(rulesOf('src/app/editor.svelte.ts', "import { untrack } from 'svelte';")).toEqual([]);
  });

  it('reads imports of every form, with their line', () => {
    const text = [
      "import a from './a';",
      "import type { B } from './b';",
      "import c, { d } from './c';",
      "import * as e from './e';",
      "import './f.css';",
      "export * from './g';",
      "const h = import('./h');",
      "import W from './w.worker?worker';",
    ].join('\n');
    expect(importsOf(text).map((r) => [r.spec, r.typeOnly, r.line])).toEqual([
      ['./a', false, 1], ['./b', true, 2], ['./c', false, 3], ['./e', false, 4],
      ['./f.css', false, 5], ['./g', false, 6], ['./h', false, 7], ['./w.worker?worker', false, 8],
    ]);
  });
});
