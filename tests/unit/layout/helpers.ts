// Small designs for the layout tests, and a fake worker that runs ELK in this process.
import ELK from 'elkjs/lib/elk.bundled.js';
import type { Design, DesignNode } from '../../../src/model/design';
import type { WorkerLike } from '../../../src/layout/layout-client';
import type { LayoutJob, LayoutReply } from '../../../src/layout/protocol';
import { layOut } from '../../../src/layout/facing-order';
import type { ElkNodeJson } from '../../../src/layout/to-elk-graph';

export function node(id: string, x: number, y: number, extra: Partial<DesignNode> = {}): DesignNode {
  return { id, kind: 'cache', position: { x, y }, params: {}, ...extra };
}

export function design(nodes: DesignNode[], pairs: [string, string][]): Design {
  return {
    format: 'mlsd-design', version: 1, name: 'test', notes: {}, nodes,
    edges: pairs.map(([source, target], i) => ({ id: `e${i}`, source, target, params: { mode: 'sync' } })),
  };
}

/** A chain a → b → c → d, drawn in reverse order (d leftmost) so a layout must move it. */
export function reversedChain(): Design {
  return design(
    [node('a', 900, 0), node('b', 600, 40), node('c', 300, 80), node('d', 0, 120)],
    [['a', 'b'], ['b', 'c'], ['c', 'd']],
  );
}

/**
 * Answers like the real worker, with ELK in this process. `hold` keeps replies until
 * `release()`, to test answers that arrive late.
 */
export class InProcessWorker implements WorkerLike {
  onmessage: ((e: MessageEvent<LayoutReply>) => void) | null = null;
  onerror: ((e: ErrorEvent) => void) | null = null;
  jobs: LayoutJob[] = [];
  terminated = false;
  private held: LayoutReply[] = [];
  private elk = new ELK();

  constructor(private hold = false) {}

  postMessage(job: LayoutJob): void {
    this.jobs.push(job);
    void layOut((g) => this.elk.layout(g as never) as unknown as Promise<ElkNodeJson>, structuredClone(job.graph)).then((answer) => {
      const reply: LayoutReply = { id: job.id, ok: true, graph: answer, ms: 1 };
      if (this.hold) this.held.push(reply);
      else this.onmessage?.({ data: reply } as MessageEvent<LayoutReply>);
    });
  }

  /** Delivers held replies once ELK has answered every job sent so far. */
  async release(): Promise<void> {
    while (this.held.length < this.jobs.length) await new Promise((r) => setTimeout(r, 5));
    for (const reply of this.held.splice(0)) this.onmessage?.({ data: reply } as MessageEvent<LayoutReply>);
  }

  terminate(): void {
    this.terminated = true;
  }
}
