// Load profiles: a source's rate over time as a multiplier of its rps (src/model/scenario.ts).
// The engine (engine/timeline.ts, which reads a profile as `multiplier` does) draws a
// time-varying Poisson stream by thinning (Lewis & Shedler 1979): candidates at a constant rate
// at least the profile's, each kept with probability rate(t) / that bound. The bound is taken
// per time segment (`maxOn`), so a short spike does not make the whole run draw ten times the
// candidates it keeps.
import type { LoadProfile } from '../../model/scenario';

/** The multiplier at `t` seconds from the start of the scenario. */
export function multiplier(p: LoadProfile | undefined, t: number): number {
  if (!p) return 1;
  switch (p.shape) {
    case 'flat':
      return 1;
    case 'step':
      return t >= p.atS ? p.factor : 1;
    case 'ramp':
      if (t <= p.fromS) return 1;
      if (t >= p.toS) return p.factor;
      return 1 + ((p.factor - 1) * (t - p.fromS)) / (p.toS - p.fromS);
    case 'spike':
      return t >= p.atS && t < p.atS + p.durationS ? p.factor : 1;
    case 'diurnal':
      return Math.max(0, 1 + p.amplitude * Math.sin((2 * Math.PI * (t - (p.phaseS ?? 0))) / p.periodS));
    case 'points': {
      const pts = p.points;
      if (pts.length === 0) return 1;
      if (t <= pts[0][0]) return pts[0][1];
      for (let i = 1; i < pts.length; i++) {
        const [t1, m1] = pts[i];
        if (t <= t1) {
          const [t0, m0] = pts[i - 1];
          return t1 > t0 ? m0 + ((m1 - m0) * (t - t0)) / (t1 - t0) : m1;
        }
      }
      return pts[pts.length - 1][1];
    }
  }
}

/** A load profile as the engine codes it (engine/timeline.ts, source): shape and three numbers. */
export function profileCode(p: LoadProfile | undefined): [number, number, number, number] {
  if (!p) return [0, 0, 0, 0];
  switch (p.shape) {
    case 'flat':
      return [1, 0, 0, 0];
    case 'step':
      return [2, p.atS, p.factor, 0];
    case 'ramp':
      return [3, p.fromS, p.toS, p.factor];
    case 'spike':
      return [4, p.atS, p.durationS, p.factor];
    case 'diurnal':
      return [5, p.periodS, p.amplitude, p.phaseS ?? 0];
    case 'points':
      return [6, 0, 0, 0];
  }
}

/** Times in (a, b) where the multiplier may peak: breakpoints, and a diurnal wave's crests. */
function inner(p: LoadProfile, a: number, b: number): number[] {
  switch (p.shape) {
    case 'step':
      return [p.atS];
    case 'ramp':
      return [p.fromS, p.toS];
    case 'spike':
      return [p.atS, p.atS + p.durationS];
    case 'points':
      return p.points.map((x) => x[0]);
    case 'diurnal': {
      // sin peaks at (t − phase)/period = 1/4 + k.
      const phase = p.phaseS ?? 0;
      const k0 = Math.ceil((a - phase) / p.periodS - 0.25);
      const out: number[] = [];
      for (let k = k0; phase + (k + 0.25) * p.periodS < b && out.length < 2; k++) out.push(phase + (k + 0.25) * p.periodS);
      return out;
    }
    default:
      return [];
  }
}

/** The largest multiplier over [a, b] (a step's new value counts from its time on). */
export function maxOn(p: LoadProfile | undefined, a: number, b: number): number {
  if (!p) return 1;
  let m = Math.max(multiplier(p, a), multiplier(p, b));
  for (const t of inner(p, a, b)) if (t >= a && t <= b) m = Math.max(m, multiplier(p, t));
  return m;
}

/** A sentence for a person if the profile cannot be run, else null. */
export function profileProblem(p: LoadProfile, source: string): string | null {
  const bad = (what: string) => `The load profile of ${source}: ${what}.`;
  const finite = (...xs: unknown[]) => xs.every((x) => typeof x === 'number' && Number.isFinite(x));
  switch (p?.shape) {
    case 'flat':
      return null;
    case 'step':
      return finite(p.atS, p.factor) && p.factor >= 0 ? null : bad('a step needs a time atS and a factor ≥ 0');
    case 'ramp':
      return finite(p.fromS, p.toS, p.factor) && p.factor >= 0 && p.toS > p.fromS ? null : bad('a ramp needs fromS before toS and a factor ≥ 0');
    case 'spike':
      return finite(p.atS, p.durationS, p.factor) && p.factor >= 0 && p.durationS >= 0 ? null : bad('a spike needs atS, a durationS ≥ 0 and a factor ≥ 0');
    case 'diurnal':
      return finite(p.periodS, p.amplitude, p.phaseS ?? 0) && p.periodS > 0 && p.amplitude >= 0 && p.amplitude <= 1 ? null : bad('a diurnal wave needs a periodS above 0 and an amplitude from 0 to 1');
    case 'points':
      return Array.isArray(p.points) && p.points.length > 0 && p.points.every((x, i) => Array.isArray(x) && finite(x[0], x[1]) && x[1] >= 0 && (i === 0 || x[0] >= p.points[i - 1][0]))
        ? null
        : bad('points must be [seconds, multiplier ≥ 0] pairs in time order');
    default:
      return bad(`unknown shape "${String((p as { shape?: unknown })?.shape)}" (flat, step, ramp, spike, diurnal or points)`);
  }
}
