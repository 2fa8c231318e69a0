// The inspector's fields for a connection's resilience settings (timeout, retries, circuit
// breaker, hedging) and a component's autoscaling: the ranges are the model rules', the
// defaults those a setting starts from when switched on (model/rules.ts, docs/format.md).
import type { EdgeParams, NodeParams } from '../model/design';
import { EDGE_CHOICES, EDGE_RESILIENCE_RULES as E, NODE_RESILIENCE_RULES as N, RESILIENCE_DEFAULTS } from '../model/rules';
import type { ParamSpec } from '../catalog';

export { RESILIENCE_DEFAULTS };

/** A setting the inspector switches on and off as a whole, with its fields. */
export interface ResilienceGroup {
  /** The parameter holding it: a number (`timeoutMs`) or an object (`retry`). */
  key: 'timeoutMs' | 'retry' | 'breaker' | 'hedgeMs' | 'autoscale';
  label: string;
  help: string;
  /** What switching it on sets. */
  initial: number | Record<string, unknown>;
  fields: ParamSpec[];
}

export const EDGE_RESILIENCE: ResilienceGroup[] = [
  { key: 'timeoutMs', label: 'Timeout', help: 'The caller gives up after this long; the callee still does the work.', initial: 1000, fields: [{ key: 'timeoutMs', label: 'Timeout (ms)', type: 'number', ...E.timeoutMs }] },
  {
    key: 'retry',
    label: 'Retries',
    help: 'A failed or timed-out call is sent again after an exponential backoff; a budget caps retries as a share of first attempts.',
    initial: { ...RESILIENCE_DEFAULTS.retry },
    fields: [
      { key: 'retry.maxAttempts', label: 'Attempts in all (1 = no retry)', type: 'integer', ...E['retry.maxAttempts'] },
      { key: 'retry.baseMs', label: 'Backoff base (ms)', type: 'number', ...E['retry.baseMs'] },
      { key: 'retry.capMs', label: 'Backoff cap (ms)', type: 'number', ...E['retry.capMs'] },
      { key: 'retry.jitter', label: 'Jitter', type: 'enum', options: [...EDGE_CHOICES['retry.jitter']] },
      { key: 'retry.budget', label: 'Retry budget (share of first attempts, 0–1)', type: 'ratio', ...E['retry.budget'], step: 0.01 },
    ],
  },
  {
    key: 'breaker',
    label: 'Circuit breaker',
    help: 'Opens when the share of failed calls over the window reaches the threshold: calls then fail at once until it lets a trial through.',
    initial: { ...RESILIENCE_DEFAULTS.breaker },
    fields: [
      { key: 'breaker.errorRate', label: 'Opens at error share (0–1)', type: 'ratio', ...E['breaker.errorRate'], step: 0.01 },
      { key: 'breaker.window', label: 'Over the last calls', type: 'integer', ...E['breaker.window'] },
      { key: 'breaker.openMs', label: 'Stays open (ms)', type: 'number', ...E['breaker.openMs'] },
    ],
  },
  { key: 'hedgeMs', label: 'Hedging', help: 'A second copy goes out if no answer came after this long; the first answer wins.', initial: 100, fields: [{ key: 'hedgeMs', label: 'Hedge after (ms)', type: 'number', ...E.hedgeMs }] },
];

export const AUTOSCALE: ResilienceGroup = {
  key: 'autoscale',
  label: 'Autoscaling',
  help: 'Every period, replicas are set to keep the busy share near the target; new replicas serve after the provisioning delay (cold start).',
  initial: { ...RESILIENCE_DEFAULTS.autoscale },
  fields: [
    { key: 'autoscale.min', label: 'Minimum replicas', type: 'integer', ...N['autoscale.min'] },
    { key: 'autoscale.max', label: 'Maximum replicas', type: 'integer', ...N['autoscale.max'] },
    { key: 'autoscale.target', label: 'Target utilization (0–1)', type: 'ratio', ...N['autoscale.target'], step: 0.05 },
    { key: 'autoscale.periodS', label: 'Evaluation period (s)', type: 'number', ...N['autoscale.periodS'] },
    { key: 'autoscale.delayS', label: 'Provisioning delay (s)', type: 'number', ...N['autoscale.delayS'] },
  ],
};

/** The change to a connection's or component's parameters that sets one field (`retry.jitter`) of a group, or a whole group. */
export function edgePatch(params: EdgeParams | NodeParams, key: string, value: unknown): Partial<EdgeParams> {
  const [group, field] = key.split('.');
  if (!field) return { [group]: value };
  const current = params[group];
  const base = current && typeof current === 'object' ? (current as Record<string, unknown>) : {};
  return { [group]: { ...base, [field]: value } };
}
