// Telling "a lazily imported file did not arrive" apart from other errors, so the place that
// needed the file says so in plain words instead of the browser's message.

/** True for the browser's error when a lazily imported file cannot be fetched. */
export function isLoadFailure(err: unknown): boolean {
  const message = err instanceof Error ? err.message : String(err);
  return /dynamically imported module|Importing a module script failed|Unable to preload/i.test(message);
}

/** What the user reads when a lazily loaded part of the app (named by `what`) did not arrive. */
export const loadFailureText = (what: string) => `${what} could not be loaded: this page is older than the app on the server, or offline. Reload the page and try again; your designs are saved.`;
