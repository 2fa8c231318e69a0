// The design review: every template reads "strong", and each way of breaking one costs points on
// the step an interviewer would mark it down on, with a finding that cites where it comes from.
import { describe, expect, test } from 'vitest';
import { TEMPLATES, templateDesign } from '../../../src/app/templates';
import { reviewOf } from '../../../src/app/review';
import { analyze } from '../../../src/simulation/analytic';
import type { Design } from '../../../src/model/design';
import type { DesignReview, FindingId } from '../../../src/interview/review';
import type { StepId } from '../../../src/interview/framework';

async function template(id: string): Promise<Design> {
  const r = await templateDesign(id);
  if (!r.ok) throw new Error(r.error);
  return r.design;
}

const review = (d: Design): DesignReview => reviewOf(d, analyze(d));
const stepScore = (r: DesignReview, step: StepId) => r.steps.find((s) => s.step === step)!.score;

const node = (d: Design, id: string) => {
  const n = d.nodes.find((x) => x.id === id);
  if (!n) throw new Error(`no node ${id}`);
  return n;
};
const removeNode = (id: string) => (d: Design) => {
  node(d, id);
  d.nodes = d.nodes.filter((n) => n.id !== id);
  d.edges = d.edges.filter((e) => e.source !== id && e.target !== id);
};
const removeEdgesInto = (id: string) => (d: Design) => {
  d.edges = d.edges.filter((e) => e.target !== id);
};
const removeEdgesOutOf = (id: string) => (d: Design) => {
  d.edges = d.edges.filter((e) => e.source !== id);
};
const setParam = (id: string, key: string, value: unknown) => (d: Design) => {
  node(d, id).params[key] = value;
};
const setNote = (step: StepId, text: string) => (d: Design) => {
  d.notes[step] = text;
};
const scaleLoad = (k: number) => (d: Design) => {
  for (const n of d.nodes) if (typeof n.params.rps === 'number') n.params.rps *= k;
};

type Variant = [what: string, template: string, mutate: (d: Design) => void, step: StepId, finding: FindingId];

const VARIANTS: Variant[] = [
  ['no SLO', 'video-recommendation', (d) => delete d.slo, 'requirements', 'slo-missing'],
  ['clients send nothing', 'ad-click-prediction', setParam('users', 'rps', 0), 'requirements', 'load-missing'],
  ['requirements without a QPS estimate', 'event-recommendation', setNote('requirements', 'Recommend events to raise registrations; cold start is constant.'), 'requirements', 'load-not-noted'],
  ['empty requirements note', 'visual-search', setNote('requirements', '  '), 'requirements', 'note-empty'],
  ['empty framing note', 'youtube-video-search', setNote('framing', ''), 'framing', 'note-empty'],
  ['empty data note', 'harmful-content-detection', setNote('data', ''), 'data', 'note-empty'],
  ['empty model note', 'ad-click-prediction', setNote('model', ''), 'model', 'note-empty'],
  ['empty evaluation note', 'similar-listings', setNote('evaluation', '\n'), 'evaluation', 'note-empty'],
  ['empty serving note', 'people-you-may-know', setNote('serving', ''), 'serving', 'note-empty'],
  ['empty monitoring note', 'personalized-news-feed', setNote('monitoring', ''), 'monitoring', 'note-empty'],
  ['training fed by nothing', 'video-recommendation', removeEdgesInto('train'), 'data', 'training-unfed'],
  ['data lake fed by nothing', 'harmful-content-detection', removeEdgesInto('lake'), 'data', 'offline-store-unfed'],
  ['no training path', 'ad-click-prediction', removeNode('train'), 'model', 'retrain-missing'],
  ['no model registry', 'visual-search', removeNode('reg'), 'model', 'registry-missing'],
  ['trained model never deployed', 'personalized-news-feed', removeEdgesOutOf('train'), 'model', 'training-not-deployed'],
  ['only offline metrics', 'video-recommendation', setNote('evaluation', 'Offline recall@k for candidates, nDCG for the ranker.'), 'evaluation', 'online-test-not-noted'],
  ['overloaded at its own load', 'video-recommendation', scaleLoad(3), 'serving', 'overloaded'],
  ['busy past 70 %', 'personalized-news-feed', setParam('rank', 'replicas', 60), 'serving', 'headroom-utilization'],
  ['less than 1.5× headroom', 'ad-click-prediction', scaleLoad(1.25), 'serving', 'headroom-max'],
  ['one replica of the post API', 'harmful-content-detection', setParam('app', 'replicas', 1), 'serving', 'single-replica'],
  ['one gateway replica', 'youtube-video-search', setParam('gw', 'replicas', 1), 'serving', 'single-replica'],
  ['popular list in a plain store, not a cache', 'video-recommendation', (d) => void (node(d, 'pop').kind = 'kv-store'), 'serving', 'cache-missing'],
  ['no CDN in front of images', 'visual-search', removeNode('cdn'), 'serving', 'cache-missing'],
  ['no drift detector', 'harmful-content-detection', removeNode('mon'), 'monitoring', 'monitoring-missing'],
];

describe.each(TEMPLATES.map((t) => [t.id]))('template %s', (id) => {
  test('reads strong overall, and no step is weak', async () => {
    const r = review(await template(id));
    expect(r.grade, JSON.stringify(r.steps.flatMap((s) => s.findings.map((f) => f.id)))).toBe('strong');
    for (const s of r.steps) expect(s.grade, `${id} ${s.step}`).not.toBe('weak');
    // Batching and LLM servers are busy nearly all the time at any load: their headroom is
    // read from their load against capacity, so no template is told it has none.
    expect(r.steps.flatMap((s) => s.findings.map((f) => f.id))).not.toContain('headroom-utilization');
  });
});

describe.each(VARIANTS)('%s (%s)', (_what, id, mutate, step, finding) => {
  test(`loses points on ${step} with ${finding}`, async () => {
    const before = review(await template(id));
    const broken = await template(id);
    mutate(broken);
    const after = review(broken);
    expect(stepScore(after, step)).toBeLessThan(stepScore(before, step));
    expect(after.score).toBeLessThan(before.score);
    const found = after.steps.find((s) => s.step === step)!.findings.filter((f) => f.id === finding);
    expect(found.length).toBeGreaterThan(before.steps.find((s) => s.step === step)!.findings.filter((f) => f.id === finding).length);
    // Every other step reads as it did: the finding lands where it belongs.
    for (const s of after.steps) if (s.step !== step) expect(s.score, s.step).toBe(stepScore(before, s.step));
  });
});

test('a finding cites the component it comes from by id and name, or the note', async () => {
  const d = await template('harmful-content-detection');
  setParam('app', 'replicas', 1)(d);
  d.notes.framing = '';
  const steps = review(d).steps;
  const spof = steps.find((s) => s.step === 'serving')!.findings.find((f) => f.id === 'single-replica');
  expect(spof?.cites).toEqual({ nodeId: 'app', name: 'Post API' });
  expect(steps.find((s) => s.step === 'framing')!.findings).toEqual([expect.objectContaining({ id: 'note-empty', cites: { note: 'framing' } })]);
});

test('the same design reviews the same twice, and an unsimulable one still gets a review', async () => {
  const d = await template('similar-listings');
  expect(review(d)).toEqual(review(structuredClone(d)));
  const r = reviewOf(d, { ok: false, error: 'cycle' });
  expect(r.steps.find((s) => s.step === 'serving')!.findings.some((f) => f.id.startsWith('headroom') || f.id === 'overloaded')).toBe(false);
});
