// Chart options of the timeline pane: plain ECharts option objects on one shared time axis (the
// run's duration), each with the scenario's events as labelled dashed lines and the scrubbed
// moment as a solid one, as Grafana draws annotations. Built and tested without the library.
import type { EChartsCoreOption } from 'echarts/core';
import type { Marker, NodeTimeline, Series, Timeline } from '../../app/scenario-types';

const axisLine = { lineStyle: { color: 'rgba(128,128,128,0.6)' } };
const splitLine = { lineStyle: { color: 'rgba(128,128,128,0.18)' } };
const muted = '#888';

// Colours that read on light and dark panels alike (as the results panel's charts).
export const SERIES_COLORS = {
  offered: '#8a8fa0',
  goodput: '#2e9d5b',
  p50: '#4a7fe0',
  p99: '#d64045',
  rejected: '#d64045',
  timedOut: '#d98e04',
  breakerOpen: '#9b59b6',
  failed: '#6b4f3a',
  utilization: '#4a7fe0',
  queue: '#d98e04',
  replicas: '#2e9d5b',
} as const;

export interface Marks {
  /** Length of the run, seconds: every chart's time axis spans it. */
  durationS: number;
  markers: Marker[];
  /** The scrubbed moment, seconds. */
  t: number | null;
}

const fmt = (v: number) => (Math.abs(v) >= 100 ? Math.round(v).toLocaleString('en-US') : Number(v.toPrecision(3)).toString());

/** [t, value] pairs of a series, at each bucket's middle, gaps left where it has no value. */
function points(tl: Timeline, values: (number | null)[], scale = 1): [number, number | null][] {
  const half = tl.bucketS / 2;
  return tl.t.map((t, i) => [t + half, values[i] == null ? null : (values[i] as number) * scale]);
}

function line(tl: Timeline, name: string, s: Series, color: string, extra: Record<string, unknown> = {}, scale = 1): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [{ type: 'line', name, color, showSymbol: false, connectNulls: false, data: points(tl, s.mean, scale), ...extra }];
  // The 95 % interval over the replications, a pale band under the line (lower edge + width, stacked).
  if (s.lo && s.hi && !extra.stack) {
    const lo = s.lo;
    const width = s.hi.map((h, i) => (h == null || lo[i] == null ? null : h - (lo[i] as number)));
    const band = { type: 'line', showSymbol: false, silent: true, tooltip: { show: false }, lineStyle: { opacity: 0 }, stack: `ci-${name}`, yAxisIndex: extra.yAxisIndex ?? 0 };
    out.push({ ...band, name: `${name} 95 % low`, data: points(tl, lo, scale), legendHoverLink: false });
    out.push({ ...band, name: `${name} 95 % interval`, data: points(tl, width, scale), areaStyle: { color, opacity: 0.15 } });
  }
  return out;
}

const EVENT_WORDS: Record<NonNullable<Marker['type']>, string> = { fail: 'fail', slow: 'slow', flush: 'flush', 'frame-down': 'zone down' };

/**
 * A marker's tag on a chart: short enough to read along the line ("2 flush", "2 ends"); the
 * whole event is in "What happened" under the same number, and in the tooltip of the line.
 */
export function markerTag(m: Marker): string {
  if (m.event === undefined || m.type === undefined) return m.label.length > 16 ? `${m.label.slice(0, 15)}…` : m.label;
  return `${m.event} ${m.end ? 'ends' : EVENT_WORDS[m.type]}`;
}

/** The events and the scrubbed moment, drawn on the first series of a chart. */
function withMarks(series: Record<string, unknown>[], marks: Marks, slo?: number): Record<string, unknown>[] {
  const data: Record<string, unknown>[] = marks.markers.map((m) => ({
    xAxis: m.atS,
    name: m.label,
    label: { formatter: markerTag(m), color: muted, position: 'insideEndTop', fontSize: 10 },
    lineStyle: { type: 'dashed', color: muted },
  }));
  if (marks.t !== null) data.push({ xAxis: marks.t, label: { show: false }, lineStyle: { type: 'solid', color: '#2f5fe0', width: 1.5 } });
  if (slo !== undefined) data.push({ yAxis: slo, label: { formatter: `SLO ${fmt(slo)} ms`, color: muted, position: 'insideStartTop', fontSize: 10 }, lineStyle: { type: 'dashed', color: SERIES_COLORS.p99 } });
  if (data.length && series[0]) series[0] = { ...series[0], markLine: { symbol: 'none', silent: true, animation: false, data } };
  return series;
}

function chart(marks: Marks, series: Record<string, unknown>[], yAxis: Record<string, unknown> | Record<string, unknown>[], unit: string): EChartsCoreOption {
  const shown = series.filter((s) => !String(s.name).includes('95 %')).map((s) => s.name as string);
  return {
    animation: false,
    grid: { left: 42, right: Array.isArray(yAxis) ? 30 : 10, top: 20, bottom: 20 },
    legend: { top: 0, right: 4, itemHeight: 6, itemWidth: 12, itemGap: 6, textStyle: { color: muted, fontSize: 10 }, data: shown },
    tooltip: {
      trigger: 'axis',
      valueFormatter: (v: number | null) => (v == null ? '—' : `${fmt(v)}${unit}`),
    },
    xAxis: { type: 'value', min: 0, max: marks.durationS, axisLine, splitLine: { show: false }, axisLabel: { color: muted, fontSize: 10, hideOverlap: true, formatter: (v: number) => `${fmt(v)} s` } },
    yAxis,
    series,
  };
}

// Units are in each chart's caption: an axis name would sit under the legend.
const valueAxis = (extra: Record<string, unknown> = {}) => ({ type: 'value', axisLine, splitLine, axisLabel: { color: muted, fontSize: 10, formatter: compact }, ...extra });

/** 12,000 → "12k": the axis labels stay narrow. */
function compact(v: number): string {
  const a = Math.abs(v);
  return a >= 1e6 ? `${v / 1e6}M` : a >= 1e4 ? `${v / 1e3}k` : `${v}`;
}

/** Offered load against goodput, user requests per second. */
export function throughputOption(tl: Timeline, marks: Marks): EChartsCoreOption {
  const series = [...line(tl, 'goodput', tl.goodputRps, SERIES_COLORS.goodput), ...line(tl, 'offered', tl.offeredRps, SERIES_COLORS.offered, { lineStyle: { type: 'dashed' } })];
  return chart(marks, withMarks(series, marks), valueAxis({ min: 0 }), ' rps');
}

/** Failed user requests per second by cause, stacked. */
export function errorsOption(tl: Timeline, marks: Marks): EChartsCoreOption {
  const causes = [
    ['rejected', tl.errors.rejected, SERIES_COLORS.rejected],
    ['timed out', tl.errors.timedOut, SERIES_COLORS.timedOut],
    ['breaker', tl.errors.breakerOpen, SERIES_COLORS.breakerOpen],
    ['failed', tl.errors.failed, SERIES_COLORS.failed],
  ] as const;
  const series = causes.flatMap(([name, s, color]) => line(tl, name, s, color, { stack: 'errors', areaStyle: { opacity: 0.5 } }));
  return chart(marks, withMarks(series, marks), valueAxis({ min: 0 }), ' /s');
}

/** End-to-end p50 and p99 with the SLO's target drawn across. */
export function latencyOption(tl: Timeline, marks: Marks, sloP99Ms?: number): EChartsCoreOption {
  const series = [...line(tl, 'p99', tl.p99Ms, SERIES_COLORS.p99), ...line(tl, 'p50', tl.p50Ms, SERIES_COLORS.p50)];
  return chart(marks, withMarks(series, marks, sloP99Ms), valueAxis({ min: 0 }), ' ms');
}

/** One component: utilization (%) on the left axis, queue length and replicas on the right. */
export function componentOption(tl: Timeline, node: NodeTimeline, marks: Marks): EChartsCoreOption {
  const series = [
    ...line(tl, 'utilization %', node.utilization, SERIES_COLORS.utilization, {}, 100),
    ...line(tl, 'queue', node.queue, SERIES_COLORS.queue, { yAxisIndex: 1 }),
    ...line(tl, 'replicas', node.replicas, SERIES_COLORS.replicas, { yAxisIndex: 1, step: 'end' }),
  ];
  return chart(marks, withMarks(series, marks), [valueAxis({ min: 0, max: (v: { max: number }) => Math.max(100, Math.ceil(v.max)) }), valueAxis({ min: 0, splitLine: { show: false } })], '');
}
