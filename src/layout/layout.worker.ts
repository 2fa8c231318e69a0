// The only importer of elkjs. Runs ELK's layered layout off the main thread, so a 1,000-node
// layout (about a second) never freezes the canvas; this file and ELK load on the first layout.
import ELK from 'elkjs/lib/elk.bundled.js';
import type { ElkNodeJson } from './to-elk-graph';
import type { LayoutJob, LayoutReply } from './protocol';
import { layOut } from './facing-order';

interface WorkerScope {
  onmessage: ((e: MessageEvent<LayoutJob>) => void) | null;
  postMessage(message: LayoutReply): void;
}
const scope = self as unknown as WorkerScope;
const elk = new ELK();

// Assigned after the import on purpose: elk.bundled.js installs its own `self.onmessage` when
// it finds itself in a worker, and ours must replace it.
scope.onmessage = async (e) => {
  const { id, graph } = e.data;
  const start = performance.now();
  try {
    const answer = await layOut((g) => elk.layout(g as Parameters<typeof elk.layout>[0]) as Promise<ElkNodeJson>, graph);
    scope.postMessage({ id, ok: true, graph: answer, ms: performance.now() - start });
  } catch (err) {
    scope.postMessage({ id, ok: false, message: err instanceof Error ? err.message : String(err) });
  }
};
