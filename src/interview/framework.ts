// The seven steps of the ML system design interview, in the order an answer should follow, with
// what each step should cover. The ids are the keys of `design.notes`, so they never change.

export type StepId = 'requirements' | 'framing' | 'data' | 'model' | 'evaluation' | 'serving' | 'monitoring';

export interface FrameworkStep {
  id: StepId;
  title: string;
  /** Minutes of a 45-minute interview: the default phase plan. */
  minutes: number;
  /** What to cover, as short questions: the helper text of the step's note. */
  prompts: string[];
}

export const FRAMEWORK: readonly FrameworkStep[] = [
  {
    id: 'requirements',
    title: 'Clarify requirements',
    minutes: 5,
    prompts: [
      'Business objective: what should move (bookings, revenue, watch time, safety)?',
      'Features the product must support; which user actions could become labels?',
      'Data available: sources, size, labelled or not?',
      'Constraints: compute budget, cloud or on-device, must it keep learning?',
      'Scale: users, items, growth; latency budget, real-time or batch.',
    ],
  },
  {
    id: 'framing',
    title: 'Frame as an ML task',
    minutes: 5,
    prompts: [
      'ML objective that stands in for the business goal (e.g. maximise CTR, registrations).',
      'Inputs and outputs of the system, and of each model if there are several.',
      'Category: classification, regression, ranking (point/pair/listwise), representation learning?',
    ],
  },
  {
    id: 'data',
    title: 'Data preparation',
    minutes: 6,
    prompts: [
      'Sources, storage (SQL, NoSQL, warehouse, object store), ETL, how often collected.',
      'Features: missing values, scaling, bucketing, categorical encoding, embeddings.',
      'Privacy and anonymisation; biases in the data.',
    ],
  },
  {
    id: 'model',
    title: 'Model development',
    minutes: 8,
    prompts: [
      'Baseline first (popularity, logistic regression), then GBDT or neural nets; why this one?',
      'Training data: natural or hand labels, sampling, splits, class imbalance.',
      'Loss, from scratch or fine-tuned, distributed training if the data is large.',
    ],
  },
  {
    id: 'evaluation',
    title: 'Evaluation',
    minutes: 6,
    prompts: [
      'Offline metrics for the task: precision/recall, ROC-AUC, nDCG, mAP, MRR…',
      'Online metrics tied to the business, measured with an A/B test.',
      'Fairness and bias checks.',
    ],
  },
  {
    id: 'serving',
    title: 'Deployment and serving',
    minutes: 10,
    prompts: [
      'Cloud or on-device; compression (distillation, pruning, quantisation)?',
      'Batch (precomputed) or online prediction; batch or streaming features?',
      'The serving path on the canvas: each component, its job and its load.',
      'Testing in production: shadow, canary, A/B, bandits.',
    ],
  },
  {
    id: 'monitoring',
    title: 'Monitoring',
    minutes: 5,
    prompts: [
      'Operational: latency, throughput, errors, CPU/GPU/memory, availability.',
      'ML: input and output drift, accuracy once labels arrive, which model version is live.',
      'Retraining cadence against distribution shift.',
    ],
  },
];

export const DEFAULT_INTERVIEW_MINUTES = FRAMEWORK.reduce((s, step) => s + step.minutes, 0);
