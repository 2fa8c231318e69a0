// The catalog's icons: brand logos from simple-icons, whose paths the build puts in the page
// (scripts/brand-icons.ts: every `si:` logo the catalog names, so nothing to register here), and
// generic shapes from Lucide (Svelte components), imported one by one so the bundle holds only these.
import type { Component } from 'svelte';
import LucideActivity from '@lucide/svelte/icons/activity';
import LucideArchive from '@lucide/svelte/icons/archive';
import LucideBox from '@lucide/svelte/icons/box';
import LucideBoxes from '@lucide/svelte/icons/boxes';
import LucideBrain from '@lucide/svelte/icons/brain';
import LucideCheck from '@lucide/svelte/icons/check';
import LucideCpu from '@lucide/svelte/icons/cpu';
import LucideDatabase from '@lucide/svelte/icons/database';
import LucideFunnel from '@lucide/svelte/icons/funnel';
import LucideGauge from '@lucide/svelte/icons/gauge';
import LucideImage from '@lucide/svelte/icons/image';
import LucideLayers from '@lucide/svelte/icons/layers';
import LucideListOrdered from '@lucide/svelte/icons/list-ordered';
import LucideMerge from '@lucide/svelte/icons/merge';
import LucideRadio from '@lucide/svelte/icons/radio';
import LucideServer from '@lucide/svelte/icons/server';
import LucideShuffle from '@lucide/svelte/icons/shuffle';
import LucideSigma from '@lucide/svelte/icons/sigma';
import LucideSmartphone from '@lucide/svelte/icons/smartphone';
import LucideSplit from '@lucide/svelte/icons/split';
import LucideTable from '@lucide/svelte/icons/table';
import LucideTag from '@lucide/svelte/icons/tag';
import LucideWarehouse from '@lucide/svelte/icons/warehouse';
import LucideWaypoints from '@lucide/svelte/icons/waypoints';

export type IconDef = { kind: 'brand'; path: string } | { kind: 'lucide'; component: Component<{ size?: number }> };

/** A brand logo's path, as the page holds it; undefined for a logo the page does not have. */
function brandPath(slug: string): string | undefined {
  if (typeof document === 'undefined') return undefined;
  return document.getElementById(`si-${slug}`)?.getAttribute('d') ?? undefined;
}

const lucide: Record<string, Component<{ size?: number }>> = {
  'activity': LucideActivity,
  'archive': LucideArchive,
  'box': LucideBox,
  'boxes': LucideBoxes,
  'brain': LucideBrain,
  'check': LucideCheck,
  'cpu': LucideCpu,
  'database': LucideDatabase,
  'funnel': LucideFunnel,
  'gauge': LucideGauge,
  'image': LucideImage,
  'layers': LucideLayers,
  'list-ordered': LucideListOrdered,
  'merge': LucideMerge,
  'radio': LucideRadio,
  'server': LucideServer,
  'shuffle': LucideShuffle,
  'sigma': LucideSigma,
  'smartphone': LucideSmartphone,
  'split': LucideSplit,
  'table': LucideTable,
  'tag': LucideTag,
  'warehouse': LucideWarehouse,
  'waypoints': LucideWaypoints,
};

/** The icon for an id such as `si:apachekafka` or `lucide:database`; undefined if unknown. */
export function iconFor(id: string): IconDef | undefined {
  const [set, name] = id.split(':');
  const path = set === 'si' ? brandPath(name) : undefined;
  if (path) return { kind: 'brand', path };
  if (set === 'lucide' && lucide[name]) return { kind: 'lucide', component: lucide[name] };
  return undefined;
}
