// The analytic engine off the main thread, for large designs: an edit of a design with
// hundreds of components never waits for its figures.
import { answer, type AnalyticJob } from './analytic-job';

self.onmessage = (e: MessageEvent<AnalyticJob>) => (self as unknown as Worker).postMessage(answer(e.data));
