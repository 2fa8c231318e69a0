// Autoscaling under a step load: the Kubernetes HPA rule, desired = ⌈busy replicas / target⌉,
// puts the replicas at ⌈λ·E[S] / target⌉ before and after the step; between the step and the
// new replicas serving (one evaluation period and the provisioning delay) p99 is up, then back.
import { describe, expect, it } from 'vitest';
import { average, design, node, run, sync, values } from './scenario-helpers';

const MEAN_S = 0.01;
const BASE = 1000;
const FACTOR = 2.6;
const TARGET = 0.42;
const PERIOD = 15;
const DELAY = 30;
const AT = 100;

describe('autoscaling under a step load', () => {
  const d = design(
    [node('src', { rps: BASE }), node('svc', { replicas: 24, service: { dist: 'exponential', meanMs: MEAN_S * 1000 }, autoscale: { min: 1, max: 100, target: TARGET, periodS: PERIOD, delayS: DELAY } })],
    [sync('a', 'src', 'svc')],
    { name: 'step', durationS: 250, bucketS: 2, profiles: { src: { shape: 'step', atS: AT, factor: FACTOR } } },
  );
  const r = run(d);
  const t = r.timeline.t;
  const replicas = values(r.timeline.nodes.svc.replicas);
  const p99 = values(r.timeline.p99Ms);
  const between = (a: number, b: number) => t.flatMap((x, i) => (x >= a && x < b ? [i] : []));

  it('keeps the replicas at ⌈λ·E[S] / target⌉', () => {
    for (const [from, to, rps] of [
      [PERIOD * 2, AT, BASE],
      [AT + 2 * (PERIOD + DELAY), 250, BASE * FACTOR],
    ]) {
      const want = Math.ceil((rps * MEAN_S) / TARGET);
      const got = between(from, to).map((i) => replicas[i]);
      // The busy average over a period is noisy by about 1 %: a decision may land one off.
      for (const x of got) expect(Math.abs(x - want), `${got}`).toBeLessThanOrEqual(1);
      expect(got.filter((x) => x === want).length / got.length).toBeGreaterThan(0.5);
    }
  });

  it('lets p99 rise until the new replicas serve, then brings it back', () => {
    const before = average(between(PERIOD * 2, AT).map((i) => p99[i]));
    // The step overloads the replicas there were (2,600 against 2,400 a second): the queue grows until the new ones serve.
    const during = between(AT + 4, AT + DELAY).map((i) => p99[i]);
    for (const x of during) expect(x).toBeGreaterThan(2 * before);
    const back = between(AT, 250).find((i) => t[i] > AT + 4 && p99[i] <= 1.1 * before)!;
    // Back after the provisioning delay, and at most one period (waiting for the decision), the
    // backlog's drain — at most (2,600 − 2,400)·(period + delay) requests at the 3,400 a second
    // the first decision's ⌈24 / 0.42⌉ = 58 replicas have to spare: 2.6 s — and a bucket later.
    expect(t[back] - AT).toBeGreaterThanOrEqual(DELAY);
    expect(t[back] - AT).toBeLessThanOrEqual(DELAY + PERIOD + 2.6 + 2);
    for (const i of between(AT + DELAY + PERIOD + 4, 250)) expect(p99[i]).toBeLessThan(1.3 * before);
  });
});
