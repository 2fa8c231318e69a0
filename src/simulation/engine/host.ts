// What the engine asks of JavaScript: a scenario's actions and timeline live there
// (../scenario/hooks.ts), over views of the same memory. A run without a scenario never makes
// these calls. Bound per engine in ../des-engine.ts.

@external("host", "scenarioSource") export declare function scenarioSource(s: i32): void;
@external("host", "scenarioAct") export declare function scenarioAct(id: i32): void;
/** A served request failed (its component's failure rate): the timeline counts it. */
@external("host", "scenarioFailed") export declare function scenarioFailed(t: f64): void;
/** Whether closed-loop source s keeps the user whose request just ended (the profile may take users away). */
@external("host", "usersKeep") export declare function usersKeep(s: i32): bool;
/** An attempt timed out (cause 0) or an open breaker refused a call (1): the timeline counts it. */
@external("host", "scenarioFault") export declare function scenarioFault(cause: i32): void;
