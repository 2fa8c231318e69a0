// The figures a component shows on its second line after a simulation (as
// canvas/ComponentNode.svelte writes them), as text parts an exported picture can draw.
import type { NodeMetrics } from '../app/sim-view';
import { rejectedShare } from './results/format';

export interface BadgePart {
  text: string;
  strong?: boolean;
}

function p99Text(ms: number | null): string | null {
  if (ms === null || !Number.isFinite(ms)) return null;
  return ms < 10 ? ms.toFixed(1) : Math.round(ms).toLocaleString('en-US');
}

export function badgeParts(m: NodeMetrics): BadgePart[] {
  if (m.overloaded) return [{ text: 'overload', strong: true }];
  if (m.saturated) return [{ text: 'overloaded', strong: true }, { text: ` ${rejectedShare(m.rejected)} rejected` }];
  const parts: BadgePart[] = [{ text: `${Math.round((m.load ?? m.utilization) * 100)}%` }];
  const p99 = p99Text(m.p99Ms);
  if (m.rejected > 0) parts.push({ text: ' ' }, { text: `${rejectedShare(m.rejected)} rejected`, strong: true });
  else if (p99 !== null) parts.push({ text: ' ' }, { text: `p99 ${p99}`, strong: true }, { text: ' ms' });
  return parts;
}
