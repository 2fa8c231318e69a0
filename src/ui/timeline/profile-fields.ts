// The numbers of each load-profile shape as the scenario editor asks for them (model/scenario.ts).
import type { LoadProfile } from '../../app/scenario-types';

export const SHAPES: { value: LoadProfile['shape']; label: string }[] = [
  { value: 'flat', label: 'Steady' },
  { value: 'step', label: 'Step' },
  { value: 'ramp', label: 'Ramp' },
  { value: 'spike', label: 'Spike' },
  { value: 'diurnal', label: 'Daily wave' },
  { value: 'points', label: 'Points' },
];

export interface ProfileField {
  key: string;
  label: string;
  min: number;
}

const factor = { key: 'factor', label: '× rate', min: 0 };

export const PROFILE_FIELDS: Record<LoadProfile['shape'], ProfileField[]> = {
  flat: [],
  step: [{ key: 'atS', label: 'at s', min: 0 }, factor],
  ramp: [{ key: 'fromS', label: 'from s', min: 0 }, { key: 'toS', label: 'to s', min: 0 }, factor],
  spike: [{ key: 'atS', label: 'at s', min: 0 }, { key: 'durationS', label: 'for s', min: 0 }, factor],
  diurnal: [{ key: 'periodS', label: 'period s', min: 0 }, { key: 'amplitude', label: 'amplitude', min: 0 }],
  // Edited as text in the design's file or text pane: too many numbers for this small form.
  points: [],
};
