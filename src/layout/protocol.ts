// Messages between the layout client and its worker.
import type { ElkNodeJson } from './to-elk-graph';

export interface LayoutJob {
  id: number;
  graph: ElkNodeJson;
}

export type LayoutReply = { id: number; ok: true; graph: ElkNodeJson; ms: number } | { id: number; ok: false; message: string };
