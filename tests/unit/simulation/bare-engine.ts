// The WebAssembly engine on its own, for tests of its event list and its random numbers: set up
// for a one-component design, with a host that fails the test if the engine calls it.
import { instantiateEngine, type EngineExports, type EngineHost } from '../../../src/simulation/engine-memory';

export function bareEngine(seed = 1): EngineExports {
  const none = () => {
    throw new Error('the engine called its host');
  };
  const host: EngineHost = { grown: () => {}, scenarioSource: none, scenarioAct: none, scenarioFailed: none, usersKeep: none, scenarioFault: none };
  const x = instantiateEngine(host);
  x.setup(1, 1, 2, (seed | 0) ^ Math.floor(seed / 4294967296));
  return x;
}
