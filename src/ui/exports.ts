// The export formats of the Share menu (toolbar/ShareMenu.svelte). Pictures carry the design
// inside them (PNG iTXt chunk, SVG <metadata>), so any exported picture opens again as an
// editable design.
import { catalog } from '../catalog';
import type { Design, DesignNode } from '../model/design';
import { designToJson, fileNameFor } from '../persistence/design-file';
import { designToMermaid } from '../persistence/mermaid';
import { designToExcalidraw } from '../persistence/excalidraw';
import { embedTextInPng } from '../persistence/png-chunk';
import { embedTextInSvg } from '../persistence/svg-metadata';
import { canvasToPng, canvasToSvg } from './canvas-image';
import { downloadBlob } from './file-io';

export type ExportKind = 'png' | 'svg' | 'json' | 'mermaid-copy' | 'mermaid-file' | 'excalidraw';

export const EXPORTS: { kind: ExportKind; label: string }[] = [
  { kind: 'png', label: 'PNG image (design inside)' },
  { kind: 'svg', label: 'SVG image (design inside)' },
  { kind: 'json', label: 'Design file (JSON)' },
  { kind: 'mermaid-copy', label: 'Copy as Mermaid' },
  { kind: 'mermaid-file', label: 'Mermaid file (.mmd)' },
  { kind: 'excalidraw', label: 'Copy as Excalidraw' },
];

const labelOf = (n: DesignNode) => n.label ?? catalog.get(n.kind)?.name ?? n.kind;
const isStore = (n: DesignNode) => catalog.get(n.kind)?.category === 'storage';

export function mermaidText(design: Design): string {
  return designToMermaid(design, { labelOf, isStore });
}

export function excalidrawText(design: Design): string {
  return JSON.stringify(designToExcalidraw(design, { labelOf }));
}

/**
 * Runs one export; resolves to a short message for the user (what happened), or throws with
 * one. `canvasRoot` and `zoom` locate the canvas for the pictures.
 */
export async function runExport(kind: ExportKind, design: Design, canvasRoot: HTMLElement | null, zoom: number): Promise<string> {
  switch (kind) {
    case 'png': {
      const png = embedTextInPng(await canvasToPng(need(canvasRoot), zoom), designToJson(design));
      downloadBlob(fileNameFor(design, 'png'), new Blob([png as BlobPart], { type: 'image/png' }));
      return 'PNG image exported. Drop it on the page to open the design again.';
    }
    case 'svg': {
      const svg = embedTextInSvg(await canvasToSvg(need(canvasRoot), zoom), designToJson(design));
      downloadBlob(fileNameFor(design, 'svg'), new Blob([svg], { type: 'image/svg+xml' }));
      return 'SVG image exported. Drop it on the page to open the design again.';
    }
    case 'json':
      downloadBlob(fileNameFor(design), new Blob([designToJson(design)], { type: 'application/json' }));
      return 'Design file exported.';
    case 'mermaid-copy':
      await copyText(mermaidText(design));
      return 'Mermaid flowchart copied: paste it into a ```mermaid block.';
    case 'mermaid-file':
      downloadBlob(fileNameFor(design, 'mmd'), new Blob([mermaidText(design)], { type: 'text/plain' }));
      return 'Mermaid file exported.';
    case 'excalidraw':
      await copyText(excalidrawText(design));
      return 'Copied: paste it into excalidraw.com with Ctrl/Cmd+V.';
  }
}

function need(el: HTMLElement | null): HTMLElement {
  if (!el) throw new Error('The canvas is not shown.');
  return el;
}

async function copyText(text: string): Promise<void> {
  if (!navigator.clipboard?.writeText) throw new Error('This browser does not allow copying here.');
  await navigator.clipboard.writeText(text);
}
