// Every way a design leaves the app, in one switch: the design file, Mermaid, Excalidraw, and
// pictures that carry the design inside them (PNG iTXt chunk, SVG <metadata>), so any exported
// picture opens again as an editable design. How a picture looks is the UI's (ui/exports.ts):
// it is handed in as a PictureMaker.
import { catalog } from '../catalog';
import type { Design, DesignNode } from '../model/design';
import { designToJson, fileNameFor } from '../persistence/design-file';
import { designToMermaid } from '../persistence/mermaid';
import { designToExcalidraw } from '../persistence/excalidraw';
import { embedTextInPng } from '../persistence/png-chunk';
import { embedTextInSvg } from '../persistence/svg-metadata';
import type { Picture } from '../persistence/svg-image';
import type { MetricsMap, TrafficMap } from './sim-view';
import { downloadBlob } from './file-io';
import { nodeName } from './catalog-view';

export { designToSvg, type Picture, type PictureIcon, type PictureTheme } from '../persistence/svg-image';
/** A share link longer than this may be cut by the app it is pasted into (the Share dialog warns). */
export { SHARE_LINK_WARN_CHARS } from '../persistence/share-link';
/** Escapes text for SVG markup built in the UI (icons drawn into a picture). */
export { xmlText } from '../persistence/svg-text';

export type ExportKind = 'png' | 'svg' | 'json' | 'mermaid-copy' | 'mermaid-file' | 'excalidraw';

/** The last simulation's figures, drawn on a picture when there are any. */
export interface Figures {
  metrics?: MetricsMap;
  traffic?: TrafficMap;
}

/** Draws a design: its SVG, and that SVG rendered to PNG bytes. */
export interface PictureMaker {
  svg(design: Design, figures: Figures): Promise<Picture>;
  png(svg: string, width: number, height: number): Promise<Uint8Array>;
}

export const labelOf = nodeName;
const isStore = (n: DesignNode) => catalog.get(n.kind)?.category === 'storage';

/** The kind's name as a picture labels it; a kind this catalog does not know is called generic. */
export function kindNameOf(n: DesignNode): { name: string; unknown: boolean } {
  const def = catalog.get(n.kind);
  return { name: def?.name ?? `${n.kind} (generic)`, unknown: !def };
}

/** The icon name of a node's kind, with a plain box for a kind without one. */
export const iconNameOf = (n: DesignNode) => catalog.get(n.kind)?.icon ?? 'lucide:box';

export function mermaidText(design: Design): string {
  return designToMermaid(design, { labelOf, isStore });
}

export function excalidrawText(design: Design): string {
  return JSON.stringify(designToExcalidraw(design, { labelOf }));
}

/** Runs one export; resolves to a short sentence for the user (what happened), or throws with one. */
export async function runExport(kind: ExportKind, design: Design, figures: Figures, pictures: PictureMaker): Promise<string> {
  switch (kind) {
    case 'png': {
      const { svg, width, height } = await pictures.svg(design, figures);
      const png = embedTextInPng(await pictures.png(svg, width, height), designToJson(design));
      downloadBlob(fileNameFor(design, 'png'), new Blob([png as BlobPart], { type: 'image/png' }));
      return 'PNG image exported. Drop it on the page to open the design again.';
    }
    case 'svg': {
      const svg = embedTextInSvg((await pictures.svg(design, figures)).svg, designToJson(design));
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
