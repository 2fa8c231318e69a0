// The parts of the page that are not on the first screen, each a chunk of its own that is loaded
// the first time it is shown (Lazy.svelte), so the JavaScript the app needs at start stays
// small. The command palette and the shortcuts help stay in the first chunk: they open from the
// keyboard, and keys typed at once must land in them, not on the canvas.
import type { Component } from 'svelte';
import { timelineRemembered } from '../app/scenario.svelte';

export class Part<Props extends Record<string, unknown> = Record<string, never>> {
  /** The component once loaded: shown at once from then on. */
  loaded: Component<Props> | undefined;
  private loading: Promise<Component<Props>> | undefined;

  constructor(
    /** What it is, for the message when it cannot be loaded. */
    readonly what: string,
    private readonly importer: () => Promise<{ default: Component<Props> }>,
  ) {}

  /** Loads it once; a load that failed is tried again the next time. */
  load(): Promise<Component<Props>> {
    this.loading ??= this.importer().then(
      (m) => (this.loaded = m.default),
      (e: unknown) => {
        this.loading = undefined;
        throw e;
      },
    );
    return this.loading;
  }
}

const part = <Props extends Record<string, unknown>>(what: string, importer: () => Promise<{ default: Component<Props> }>) => new Part(what, importer);

export const later = {
  timeline: part('The scenario timeline', () => import('./timeline/TimelinePane.svelte')),
  textPane: part('The text pane', () => import('./panels/TextPane.svelte')),
  framework: part('The interview panel', () => import('./interview/FrameworkPanel.svelte')),
  calculator: part('The back-of-the-envelope calculator', () => import('./interview/EnvelopeCalculator.svelte')),
  designs: part('The designs list', () => import('./dialogs/DesignsDialog.svelte')),
  templates: part('The template gallery', () => import('./dialogs/TemplateGallery.svelte')),
  share: part('The share link dialog', () => import('./dialogs/ShareDialog.svelte')),
};

/**
 * Loads the parts the page shows as soon as it opens (the timeline, when it was left open), so
 * the first screen is drawn whole rather than filled in a moment later.
 */
export function loadOpeningParts(): Promise<unknown> {
  return Promise.all(timelineRemembered() ? [later.timeline.load()] : []);
}
