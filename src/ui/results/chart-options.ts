// Chart options for the results panel: plain ECharts option objects, so they are built and
// tested without the chart library, which loads only when a chart is first drawn.
import type { EChartsCoreOption } from 'echarts/core';
import type { SweepPoint } from '../../app/planning';

const axisLine = { lineStyle: { color: 'rgba(128,128,128,0.6)' } };
const splitLine = { lineStyle: { color: 'rgba(128,128,128,0.18)' } };

// Colours that read on light and dark panels alike.
const PERCENTILE_COLORS = { p50: '#4a7fe0', p95: '#d98e04', p99: '#d64045' };
const markLabel = { color: '#888', textBorderWidth: 0 };

const label = (ms: number) => (ms < 10 ? ms.toFixed(1) : Math.round(ms).toString());

/** Share of requests per latency bin; `binsMs` are the bins' lower edges, the last bin holds the tail. */
export function histogramOption(h: { binsMs: number[]; counts: number[] }): EChartsCoreOption {
  const total = h.counts.reduce((a, b) => a + b, 0) || 1;
  return {
    animation: false,
    grid: { left: 44, right: 12, top: 16, bottom: 30 },
    tooltip: { trigger: 'axis', valueFormatter: (v: number) => `${(v * 100).toFixed(2)} %` },
    xAxis: { type: 'category', data: h.binsMs.map((b, i) => label(b) + (i === h.binsMs.length - 1 ? '+' : '')), name: 'ms', nameGap: 4, axisLine },
    yAxis: { type: 'value', axisLabel: { formatter: (v: number) => `${Math.round(v * 100)}%` }, axisLine, splitLine },
    series: [{ type: 'bar', name: 'requests', color: PERCENTILE_COLORS.p50, data: h.counts.map((c) => c / total), barCategoryGap: '5%' }],
  };
}

export interface SweepMarks {
  /** The design's own total load, drawn as a vertical line. */
  currentRps?: number;
  /** The SLO's p99 target, drawn as a horizontal line. */
  sloP99Ms?: number;
}

/** Latency percentiles against the total load: the "hockey stick" up to the maximum load. */
export function sweepOption(points: SweepPoint[], marks: SweepMarks = {}): EChartsCoreOption {
  const series: Record<string, unknown>[] = (['p50', 'p95', 'p99'] as const).map((k) => ({
    type: 'line',
    name: k,
    showSymbol: false,
    color: PERCENTILE_COLORS[k],
    data: points.filter((p) => p.latencyMs[k] !== null).map((p) => [Math.round(p.rps), p.latencyMs[k]]),
  }));
  const lines: Record<string, unknown>[] = [];
  if (marks.currentRps !== undefined && marks.currentRps > 0) lines.push({ xAxis: Math.round(marks.currentRps), name: 'load', label: { ...markLabel, formatter: 'load', position: 'insideEndTop' } });
  if (marks.sloP99Ms !== undefined) lines.push({ yAxis: marks.sloP99Ms, name: 'SLO', label: { ...markLabel, formatter: 'SLO', position: 'insideEndTop' } });
  if (lines.length) series[2].markLine = { symbol: 'none', silent: true, lineStyle: { type: 'dashed', color: '#888' }, data: lines };
  return {
    animation: false,
    grid: { left: 48, right: 16, top: 26, bottom: 30 },
    legend: { top: 0, itemHeight: 8, textStyle: { color: '#888' } },
    tooltip: { trigger: 'axis', valueFormatter: (v: number) => `${v.toFixed(1)} ms` },
    xAxis: { type: 'value', name: 'rps', nameGap: 4, axisLine, splitLine, axisLabel: { formatter: (v: number) => (v >= 1000 ? `${v / 1000}k` : `${v}`) } },
    yAxis: { type: 'log', name: 'ms', axisLine, splitLine },
    series,
  };
}

/** Loads from 5 % to 99 % of the maximum, denser near the knee where the latency turns up. */
export const SWEEP_FRACTIONS = [0.05, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.75, 0.8, 0.85, 0.9, 0.93, 0.95, 0.97, 0.98, 0.99];
