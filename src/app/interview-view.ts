// The interview aids as the UI shows them: the seven steps, the timer's limits and clock, and the
// back-of-the-envelope arithmetic. Plain re-exports of src/interview/.
export { FRAMEWORK, type FrameworkStep, type StepId } from '../interview/framework';
export { formatClock, MAX_MINUTES, MIN_MINUTES } from '../interview/phase-plan';
export { applicableRps, envelope, formatBytes, formatCount, type EnvelopeInput } from '../interview/envelope';
