// Whether the canvas is zoomed out so far that components draw as plain labelled boxes. Nodes
// read it to leave out what would be hidden there anyway: an icon is most of what a component
// costs to draw, and a large design opens zoomed that far out.
import { getContext, setContext } from 'svelte';

const KEY = Symbol('canvas-far-out');

export function provideFarOut(read: () => boolean): void {
  setContext(KEY, read);
}

export function farOutReader(): () => boolean {
  return getContext<(() => boolean) | undefined>(KEY) ?? (() => false);
}
