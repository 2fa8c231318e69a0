import { describe, expect, it } from 'vitest';
import { histogramOption, sweepOption } from '../../../src/ui/results/chart-options';
import { ms, msNumber, pct, rps, rpsNumber, usd } from '../../../src/ui/results/format';

describe('result formatting', () => {
  it('never prints a finite-looking number for what is not finite', () => {
    expect([ms(null), ms(Infinity), msNumber(undefined), rps(NaN), rpsNumber(null)]).toEqual(['∞', '∞', '∞', '∞', '∞']);
    expect(pct(null)).toBe('–');
  });

  it('gives short numbers with their units', () => {
    expect([ms(0.512), ms(20.26), ms(431.4), ms(12_345)]).toEqual(['0.51 ms', '20.3 ms', '431 ms', '12.3 s']);
    expect([ms(-1e-17), msNumber(-0.001), ms(0.004)]).toEqual(['0.00 ms', '0.00', '0.00 ms']);
    expect([rps(2.5), rps(2300), rps(25_000)]).toEqual(['2.5 rps', '2,300 rps', '25.0k rps']);
    expect([msNumber(6.94), rpsNumber(2300.4), pct(0.857), usd(1234.5)]).toEqual(['6.9', '2,300', '86 %', '$1,235']);
  });
});

describe('chart options', () => {
  it('draws the histogram as shares of all requests, the last bin as the tail', () => {
    const o = histogramOption({ binsMs: [0, 2.5, 5, 7.5], counts: [10, 20, 60, 10] }) as any;
    expect(o.series[0].data).toEqual([0.1, 0.2, 0.6, 0.1]);
    expect(o.xAxis.data).toEqual(['0.0', '2.5', '5.0', '7.5+']);
  });

  it('draws the sweep without the points that have no steady state, with the load and SLO marked', () => {
    const lat = (p: number | null) => ({ mean: p, p50: p, p95: p, p99: p });
    const o = sweepOption([{ rps: 100, latencyMs: lat(5) }, { rps: 200, latencyMs: lat(null) }], { currentRps: 150, sloP99Ms: 40 }) as any;
    expect(o.series.map((s: any) => s.name)).toEqual(['p50', 'p95', 'p99']);
    expect(o.series[2].data).toEqual([[100, 5]]);
    expect(o.series[2].markLine.data.map((d: any) => d.xAxis ?? d.yAxis)).toEqual([150, 40]);
    expect(sweepOption([]).series).toHaveLength(3);
    expect((sweepOption([]) as any).series[2].markLine).toBeUndefined();
  });
});
