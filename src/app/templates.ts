// Turning a gallery template into a design of the user's own: loaded on demand, read through
// the same restore() as every other way in, so a template can never open differently from a file.
import type { Design } from '../model/design';
import { restore } from '../persistence/restore';
import { catalog } from '../catalog';
import { loadTemplate, TEMPLATES, type TemplateInfo } from '../templates';
import { isLoadFailure, loadFailureText } from './load-failure';

export { TEMPLATES, type TemplateInfo };

export type TemplateResult = { ok: true; design: Design; warnings: string[] } | { ok: false; error: string };

export async function templateDesign(id: string): Promise<TemplateResult> {
  let raw: unknown;
  try {
    raw = await loadTemplate(id);
  } catch (e) {
    // A lazily loaded chunk can fail to arrive (offline before the app was cached, a new deploy).
    return { ok: false, error: isLoadFailure(e) ? loadFailureText('The template') : `The template could not be loaded (${(e as Error).message}).` };
  }
  if (raw === null) return { ok: false, error: `There is no template "${id}".` };
  return restore(raw, { defaultsFor: (kind) => catalog.defaultsFor(kind) });
}
