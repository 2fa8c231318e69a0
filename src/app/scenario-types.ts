// The scenario's types as the UI reads them: the timeline and summary a run reports, and the
// scenario in the design (the UI imports the simulator's types through the app layer).
export type { Estimate, Marker, NodeTimeline, ScenarioResult, ScenarioSummary, Series, Timeline } from '../simulation/scenario/timeline';
export type { Autoscale, EdgeResilience, Jitter, LoadProfile, Scenario, ScenarioEvent } from '../model/scenario';
