// Closed-loop sources in a scenario: a load profile scales how many users there are (the way
// a load generator ramps its virtual users), not a rate. At the start and at the end of every
// timeline bucket each closed-loop source is brought to round(users × the profile there): new
// users start after a think time; users beyond that leave when their answer comes back, so no
// request in flight is dropped. Between those moments the count holds (a ramp moves in
// bucket-wide steps).
import type { LoadProfile } from '../../model/scenario';
import { multiplier } from './profile';

export class ScenarioUsers {
  /** Users sending now (or thinking), and those to leave at their next answer, per source. */
  private readonly active: Int32Array;
  private readonly leaving: Int32Array;

  constructor(
    /** Per node: its users without a profile, 0 for every other node. */
    private readonly base: readonly number[],
    private readonly profiles: readonly (LoadProfile | undefined)[],
  ) {
    this.active = Int32Array.from(base);
    this.leaving = new Int32Array(base.length);
  }

  /** At `tS` seconds into the scenario: `start(s)` is called once for each user source s gains. */
  adjust(tS: number, start: (s: number) => void): void {
    for (let s = 0; s < this.base.length; s++) {
      if (this.base[s] === 0 || this.profiles[s] === undefined) continue;
      const want = Math.max(0, Math.round(this.base[s] * multiplier(this.profiles[s], tS)));
      let add = want - (this.active[s] - this.leaving[s]);
      // Users about to leave stay instead, before any new one starts.
      const stay = Math.min(Math.max(add, 0), this.leaving[s]);
      this.leaving[s] -= stay;
      add -= stay;
      if (add < 0) this.leaving[s] -= add;
      for (; add > 0; add--) {
        this.active[s]++;
        start(s);
      }
    }
  }

  /** A user of source s has its answer: false when it leaves instead of thinking and sending again. */
  keep(s: number): boolean {
    if (this.leaving[s] === 0) return true;
    this.leaving[s]--;
    this.active[s]--;
    return false;
  }
}
