// What a scenario run reports: a timeline in buckets of equal width (columns, one value per
// bucket, so a chart reads a series as it is) and a summary. Numbers and ids only.

/** A series with its 95 % confidence interval when several replications ran. */
export interface Series {
  mean: (number | null)[];
  /** Present from two replications on: Student-t interval of the replications' values. */
  lo?: (number | null)[];
  hi?: (number | null)[];
}

export interface NodeTimeline {
  arrivalRps: Series;
  /** Busy servers / serving servers over the bucket. */
  utilization: Series;
  /** Time-average number waiting. */
  queue: Series;
  /** Serving replicas at the end of the bucket (failures and autoscaling move it). */
  replicas: Series;
}

/** An event of the scenario on the time axis: its start, or its end (`end`) when it lasts. */
export interface Marker {
  atS: number;
  label: string;
  /** 1-based, in the scenario's order of events: the start and end of one event share it. */
  event?: number;
  type?: 'fail' | 'slow' | 'flush' | 'frame-down';
  end?: boolean;
}

export interface Timeline {
  bucketS: number;
  /** Start of each bucket, seconds. */
  t: number[];
  /** User requests the sources sent, per second. */
  offeredRps: Series;
  /** User requests that completed without error, per second. */
  goodputRps: Series;
  /**
   * Failures per second by cause, counted where they happen: a call refused by a queue limit,
   * a frame that is down or a component without replicas (rejected), a caller giving up
   * (timedOut), an open breaker (breakerOpen), a failed service (failed). `lostRps` counts the
   * user requests they failed.
   */
  errors: {
    rejected: Series;
    timedOut: Series;
    breakerOpen: Series;
    failed: Series;
  };
  /** User requests that failed, any cause, per second (by when they failed). */
  lostRps?: Series;
  /** End-to-end latency of the requests that completed in the bucket (null: none did). */
  p50Ms: Series;
  p99Ms: Series;
  meanMs?: Series;
  nodes: Record<string, NodeTimeline>;
  /** The scenario's events, as markers: when, and what in plain words. */
  markers: Marker[];
}

/** A figure of the summary, with its 95 % interval when several replications ran. */
export interface Estimate {
  mean: number | null;
  lo?: number | null;
  hi?: number | null;
}

export interface ScenarioSummary {
  replications: number;
  /** User requests sent, and those that failed (any cause). */
  requests: Estimate;
  lost: Estimate;
  /** Seconds of buckets whose p99 was over the design's SLO (null: no SLO). */
  secondsOverSlo: Estimate | null;
  /** Per event: seconds from the event until goodput and p99 are back within 10 % of before it (null: never within the run). */
  recoveries: { atS: number; label: string; recoverS: Estimate }[];
  /** Calls made over each connection per user request (retries and hedges included). */
  amplification: Record<string, Estimate>;
  /** Mean latency of the user requests sent during the scenario that succeeded. */
  meanMs?: Estimate;
}

export interface ScenarioResult {
  timeline: Timeline;
  summary: ScenarioSummary;
  events: number;
  wallMs: number;
}
