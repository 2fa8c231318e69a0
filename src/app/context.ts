// The session reaches every component through one typed context: a component asks for the
// session and takes the part it needs (`const { editor } = getSession()`), so no component can
// ask for a state object by a mistyped name or get back the wrong type.
import { createContext } from 'svelte';
import type { Session } from './session.svelte';

const [get, set] = createContext<Session>();

/** The session of the app being drawn; called once, by the root component. */
export function setSession(session: Session): Session {
  return set(session);
}

/** The session, for any component under the root. */
export function getSession(): Session {
  return get();
}
