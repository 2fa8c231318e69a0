// Two tabs on one design: each save is announced on a BroadcastChannel, so a tab showing the same
// design learns at once that it is behind: with no edits of its own it shows the newer version;
// with edits it asks the user (Library.conflict) instead of later overwriting the other tab's work. The revision check in DesignStore.save catches what a missed
// message would not (a tab asleep, or a browser without BroadcastChannel).
import type { Library } from './library.svelte';

const CHANNEL = 'mlsd-designs';

interface SavedMessage {
  tab: string;
  id: string;
  rev: number;
}

function isSavedMessage(m: unknown): m is SavedMessage {
  const r = m as SavedMessage;
  return !!r && typeof r.tab === 'string' && typeof r.id === 'string' && typeof r.rev === 'number';
}

/** Starts watching; returns the function that stops. */
export function guardAgainstOtherTabs(library: Library): () => void {
  if (typeof BroadcastChannel === 'undefined') return () => {};
  const tab = Math.random().toString(36).slice(2);
  const channel = new BroadcastChannel(CHANNEL);
  library.onSaved = (id, rev) => channel.postMessage({ tab, id, rev } satisfies SavedMessage);
  channel.onmessage = (e: MessageEvent) => {
    if (isSavedMessage(e.data) && e.data.tab !== tab) library.savedElsewhere(e.data.id, e.data.rev);
  };
  return () => {
    library.onSaved = null;
    channel.close();
  };
}
