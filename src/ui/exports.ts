// How an exported picture looks: the design drawn as the canvas shows it (names, kinds, icons,
// the last simulation's figures and pipe widths) in the chosen theme. What is exported and where
// it goes is app/exports.ts; this file is the look it is handed (through ./picture-maker.ts).
import type { Design } from '../model/design';
import { designToSvg, iconNameOf, kindNameOf, labelOf, type Figures, type Picture, type PictureIcon, type PictureTheme } from '../app/exports';
import { levelOf } from '../app/sim-view';
import { badgeParts } from './component-badge';
import { formatRps, pipeWidth } from './canvas/pipe-look';

/** What a picture shows beside the design: the theme, and the last simulation if one ran. */
export interface PictureView extends Figures {
  theme: PictureTheme;
}

/** The design as an SVG picture, named and coloured as the canvas shows it. */
export function pictureOf(design: Design, view: PictureView, iconOf?: (icon: string) => PictureIcon | undefined): Picture {
  let maxTraffic = 0;
  for (const v of view.traffic?.values() ?? []) maxTraffic = Math.max(maxTraffic, v);
  const figures = view.metrics && new Map([...view.metrics].map(([id, m]) => [id, { level: levelOf(m), bottleneck: m.bottleneck, badge: badgeParts(m) }]));
  return designToSvg(design, {
    theme: view.theme,
    labelOf,
    kindOf: kindNameOf,
    iconOf: iconOf && ((n) => iconOf(iconNameOf(n))),
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
