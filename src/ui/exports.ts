// The export formats of the Share menu (toolbar/ShareMenu.svelte). Pictures carry the design
// inside them (PNG iTXt chunk, SVG <metadata>), so any exported picture opens again as an
// editable design.
import { catalog } from '../catalog';
import type { Design, DesignNode } from '../model/design';
import { levelOf, type MetricsMap, type TrafficMap } from '../app/sim-view';
import { designToJson, fileNameFor } from '../persistence/design-file';
import { designToMermaid } from '../persistence/mermaid';
import { designToExcalidraw } from '../persistence/excalidraw';
import { embedTextInPng } from '../persistence/png-chunk';
import { embedTextInSvg } from '../persistence/svg-metadata';
import { designToSvg, type Picture, type PictureIcon, type PictureTheme } from '../persistence/svg-image';
import { svgToPng } from './canvas-image';
import { badgeParts } from './component-badge';
import { formatRps, pipeWidth } from './canvas/pipe-look';
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

/** What a picture shows beside the design: the theme, and the last simulation if one ran. */
export interface PictureView {
  theme: PictureTheme;
  metrics?: MetricsMap;
  traffic?: TrafficMap;
}

/** The design as an SVG picture, named and coloured as the canvas shows it. */
export function pictureOf(design: Design, view: PictureView, iconOf?: (icon: string) => PictureIcon | undefined): Picture {
  let maxTraffic = 0;
  for (const v of view.traffic?.values() ?? []) maxTraffic = Math.max(maxTraffic, v);
  const figures = view.metrics && new Map([...view.metrics].map(([id, m]) => [id, { level: levelOf(m), bottleneck: m.bottleneck, badge: badgeParts(m) }]));
  return designToSvg(design, {
    theme: view.theme,
    labelOf,
    kindOf: (n) => {
      const def = catalog.get(n.kind);
      return { name: def?.name ?? `${n.kind} (generic)`, unknown: !def };
    },
    iconOf: iconOf && ((n) => iconOf(catalog.get(n.kind)?.icon ?? 'lucide:box')),
    figures,
    pipeLookOf: (e) => {
      const rps = view.traffic?.get(e.id);
      const mode = e.params.mode;
      return {
        width: pipeWidth(rps, maxTraffic),
        label: e.label ?? (rps === undefined ? (mode === 'sync' ? '' : mode) : `${mode} · ${formatRps(rps)}`),
      };
    },
  });
}

async function picture(design: Design, view: PictureView): Promise<Picture> {
  const { pictureIcon } = await import('./picture-icons');
  return pictureOf(design, view, pictureIcon);
}

export function mermaidText(design: Design): string {
  return designToMermaid(design, { labelOf, isStore });
}

export function excalidrawText(design: Design): string {
  return JSON.stringify(designToExcalidraw(design, { labelOf }));
}

/**
 * Runs one export; resolves to a short message for the user (what happened), or throws with
 * one. `view` is how the pictures look.
 */
export async function runExport(kind: ExportKind, design: Design, view: PictureView): Promise<string> {
  switch (kind) {
    case 'png': {
      const { svg, width, height } = await picture(design, view);
      const png = embedTextInPng(await svgToPng(svg, width, height), designToJson(design));
      downloadBlob(fileNameFor(design, 'png'), new Blob([png as BlobPart], { type: 'image/png' }));
      return 'PNG image exported. Drop it on the page to open the design again.';
    }
    case 'svg': {
      const svg = embedTextInSvg((await picture(design, view)).svg, designToJson(design));
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

async function copyText(text: string): Promise<void> {
  if (!navigator.clipboard?.writeText) throw new Error('This browser does not allow copying here.');
  await navigator.clipboard.writeText(text);
}
