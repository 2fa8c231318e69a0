// Interview-mode state that is not part of the document: the timer, presentation mode and which
// interview panels are open. The arithmetic lives in src/interview/; this class holds the clock.
import { DEFAULT_INTERVIEW_MINUTES } from '../interview/framework';
import { DEFAULT_ENVELOPE, type EnvelopeInput } from '../interview/envelope';
import { elapsedMs, pauseWatch, phaseAt, phasePlan, startWatch, STOPPED, MIN_MINUTES, MAX_MINUTES, type Stopwatch } from '../interview/phase-plan';

const TICK_MS = 250;

export class Interview {
  totalMinutes = $state(DEFAULT_INTERVIEW_MINUTES);
  watch = $state.raw<Stopwatch>(STOPPED);
  /** The clock reading the view was last computed at; ticks only while running. */
  private now = $state(0);
  presenting = $state(false);
  /** The framework panel in the right column (instead of the inspector). */
  panelOpen = $state(false);
  calculatorOpen = $state(false);
  /** The calculator keeps its figures between openings. */
  envelopeInput = $state<EnvelopeInput>({ ...DEFAULT_ENVELOPE });

  plan = $derived(phasePlan(this.totalMinutes));
  running = $derived(this.watch.runningSinceMs !== null);
  elapsedSec = $derived(elapsedMs(this.watch, this.now) / 1000);
  status = $derived(phaseAt(this.plan, this.elapsedSec));
  /** Started at least once since the last reset: the timer then shows outside its panel too. */
  active = $derived(this.running || this.watch.bankedMs > 0);

  private timer: ReturnType<typeof setInterval> | null = null;
  private readonly clock: () => number;

  constructor(clock: () => number = () => performance.now()) {
    this.clock = clock;
  }

  start(): void {
    const t = this.clock();
    this.watch = startWatch(this.watch, t);
    this.now = t;
    this.timer ??= setInterval(() => (this.now = this.clock()), TICK_MS);
  }

  pause(): void {
    const t = this.clock();
    this.watch = pauseWatch(this.watch, t);
    this.now = t;
    this.stopTicking();
  }

  toggle(): void {
    if (this.running) this.pause();
    else this.start();
  }

  reset(): void {
    this.stopTicking();
    this.watch = STOPPED;
    this.now = this.clock();
  }

  setMinutes(minutes: number): void {
    if (Number.isFinite(minutes)) this.totalMinutes = Math.round(Math.min(MAX_MINUTES, Math.max(MIN_MINUTES, minutes)));
  }

  togglePresenting(): void {
    this.presenting = !this.presenting;
  }

  /** True when it left presentation mode, so Escape does nothing else. */
  leavePresenting(): boolean {
    if (!this.presenting) return false;
    this.presenting = false;
    return true;
  }

  togglePanel(): void {
    this.panelOpen = !this.panelOpen;
  }

  private stopTicking(): void {
    if (this.timer !== null) clearInterval(this.timer);
    this.timer = null;
  }
}
