// The scenario's small edits: an event from "Fail this" / "Slow this" / "Flush", kept in time
// order and within the run; a load profile per source, a steady one written as none at all.
import { describe, expect, it } from 'vitest';
import type { DesignNode } from '../../../src/model/design';
import type { Scenario } from '../../../src/model/scenario';
import { defaultScenario, eventFor, eventText, isCache, profileOfShape, withEvent, withEventPatch, withoutEvent, withProfile } from '../../../src/app/scenario-edit';

const node = (id: string, params: DesignNode['params']): DesignNode => ({ id, kind: 'x', position: { x: 0, y: 0 }, params });

describe('scenario edits', () => {
  it('"Fail this" takes half the replicas (at least one) down for a fifth of the run, at the moment given', () => {
    expect(eventFor('fail', node('db', { replicas: 5 }), 12, 60)).toEqual({ type: 'fail', atS: 12, node: 'db', replicas: 2, durationS: 12 });
    expect(eventFor('fail', node('db', {}), 12, 60)).toMatchObject({ replicas: 1 });
    // A moment past the end is the end.
    expect(eventFor('slow', node('db', {}), 99, 60)).toEqual({ type: 'slow', atS: 60, node: 'db', factor: 5, durationS: 12 });
    expect(eventFor('flush', node('c', { hitRatio: 0.9 }), 18, 60)).toEqual({ type: 'flush', atS: 18, node: 'c', warmupS: 12 });
    expect(eventFor('frame-down', node('zone-a', {}), 18, 60)).toEqual({ type: 'frame-down', atS: 18, frame: 'zone-a', durationS: 12 });
  });

  it('only a component with a hit ratio is a cache to flush', () => {
    expect(isCache(node('c', { hitRatio: 0.8 }))).toBe(true);
    expect(isCache(node('db', { replicas: 2 }))).toBe(false);
  });

  it('keeps events in time order, removes and moves one by its place in the list', () => {
    let s: Scenario = defaultScenario();
    s = withEvent(s, { type: 'slow', atS: 30, node: 'a', factor: 2 });
    s = withEvent(s, { type: 'flush', atS: 10, node: 'c', warmupS: 5 });
    expect(s.events!.map((e) => e.atS)).toEqual([10, 30]);
    s = withEventPatch(s, 0, { atS: 20 });
    expect(s.events![0]).toEqual({ type: 'flush', atS: 20, node: 'c', warmupS: 5 });
    s = withoutEvent(s, 1);
    expect(s.events!.map((e) => e.type)).toEqual(['flush']);
  });

  it('a steady profile is no profile; other shapes start inside the run', () => {
    let s = withProfile(defaultScenario(), 'client', profileOfShape('spike', 60));
    expect(s.profiles).toEqual({ client: { shape: 'spike', atS: 18, durationS: 12, factor: 3 } });
    s = withProfile(s, 'client', profileOfShape('flat', 60));
    expect(s.profiles).toEqual({});
  });

  it('says each event in plain words', () => {
    const name = (id: string) => id.toUpperCase();
    expect(eventText({ type: 'fail', atS: 1, node: 'db', replicas: 1, durationS: 10 }, name)).toBe('DB: 1 replica fails for 10 s');
    expect(eventText({ type: 'frame-down', atS: 1, frame: 'zone-a' }, name)).toBe('ZONE-A: zone down');
  });
});
