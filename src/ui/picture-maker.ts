// Pictures for exports, in the theme on show (read when each picture is made). The drawing code
// (./exports.ts, ./picture-icons.ts, ./canvas-image.ts) is loaded with the first picture, not
// with the page.
import type { PictureMaker, PictureTheme } from '../app/exports';

export function pictureMaker(theme: () => PictureTheme): PictureMaker {
  return {
    async svg(design, figures) {
      const [{ pictureOf }, { pictureIcon }] = await Promise.all([import('./exports'), import('./picture-icons')]);
      return pictureOf(design, { ...figures, theme: theme() }, pictureIcon);
    },
    async png(svg, width, height) {
      const { svgToPng } = await import('./canvas-image');
      return svgToPng(svg, width, height);
    },
  };
}
