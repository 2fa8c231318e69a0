// Design files: a pretty-printed JSON document named after the design.
import type { Design } from '../model/design';

export function designToJson(design: Design): string {
  return JSON.stringify(design, null, 2);
}

export function fileNameFor(design: Design, ext = 'json'): string {
  const base = design.name.replace(/[^\w\- ]+/g, '').trim().replace(/\s+/g, '-').toLowerCase() || 'design';
  return `${base.slice(0, 60)}.mlsd.${ext}`;
}
