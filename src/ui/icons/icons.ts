// Icons the catalog uses, imported one by one so the bundle holds only these: brand logos
// from simple-icons (path data) and generic shapes from Lucide (Svelte components).
import type { Component } from 'svelte';
import { siApacheairflow, siApachecassandra, siApacheflink, siApachekafka, siApacheparquet, siApachespark, siCloudflare, siElasticsearch, siKong, siMilvus, siMlflow, siNeo4j, siNginx, siNvidia, siPostgresql, siPrometheus, siPytorch, siRabbitmq, siRedis, siWeightsandbiases } from 'simple-icons';
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

export type IconDef = { kind: 'brand'; path: string; title: string } | { kind: 'lucide'; component: Component<{ size?: number }> };

const brands: Record<string, { path: string; title: string }> = {
  apacheairflow: siApacheairflow,
  apachecassandra: siApachecassandra,
  apacheflink: siApacheflink,
  apachekafka: siApachekafka,
  apacheparquet: siApacheparquet,
  apachespark: siApachespark,
  cloudflare: siCloudflare,
  elasticsearch: siElasticsearch,
  kong: siKong,
  milvus: siMilvus,
  mlflow: siMlflow,
  neo4j: siNeo4j,
  nginx: siNginx,
  nvidia: siNvidia,
  postgresql: siPostgresql,
  prometheus: siPrometheus,
  pytorch: siPytorch,
  rabbitmq: siRabbitmq,
  redis: siRedis,
  weightsandbiases: siWeightsandbiases,
};

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
  if (set === 'si' && brands[name]) return { kind: 'brand', ...brands[name] };
  if (set === 'lucide' && lucide[name]) return { kind: 'lucide', component: lucide[name] };
  return undefined;
}
