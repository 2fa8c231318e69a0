// Number formatting for results: short, with units, and never a finite-looking number for
// something that is not finite.
export function ms(v: number | null | undefined): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return '∞';
  // Rounding in the queueing formulas can leave a zero wait at −1e-17: never show "-0.00".
  if (v < 0.005) return `${Math.max(0, v).toFixed(2)} ms`;
  if (v < 1) return `${v.toFixed(2)} ms`;
  if (v < 100) return `${v.toFixed(1)} ms`;
  if (v < 10_000) return `${Math.round(v)} ms`;
  return `${(v / 1000).toFixed(1)} s`;
}

export function rps(v: number | null | undefined): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return '∞';
  if (v >= 10_000) return `${(v / 1000).toFixed(1)}k rps`;
  if (v >= 100) return `${Math.round(v).toLocaleString('en-US')} rps`;
  return `${v.toFixed(1)} rps`;
}

/** Bare numbers for table cells, whose column header carries the unit. */
export function msNumber(v: number | null | undefined): string {
  return ms(v).replace(/ ms$/, '');
}

export function rpsNumber(v: number | null | undefined): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return '∞';
  return v >= 100 ? Math.round(v).toLocaleString('en-US') : v.toFixed(1);
}

export function pct(v: number | null | undefined, digits = 0): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return '–';
  return `${(v * 100).toFixed(digits)} %`;
}

export function usd(v: number): string {
  return `$${Math.round(v).toLocaleString('en-US')}`;
}

/** A share of requests rejected: "38 %", "0.4 %", and never "100 %" while some still get through. */
export function rejectedShare(v: number): string {
  if (!Number.isFinite(v)) return '–';
  if (v > 0.995 && v < 1) return '> 99 %';
  return pct(v, v > 0 && v < 0.01 ? 1 : 0);
}
