/// <reference types="vite-plugin-pwa/vanillajs" />
// A new deploy must never break an open tab. Its service worker waits until the user reloads,
// so the running version keeps its precached files. When this tab cannot load one of its lazy
// files anyway (no service worker, storage evicted, another tab already switched versions) the
// app says a new version is available instead of failing with a browser error.
import { registerSW } from 'virtual:pwa-register';

const HOUR = 60 * 60 * 1000;

class AppUpdate {
  /** A newer version is waiting, or this version's files are gone: only a reload helps. */
  available = $state(false);

  /** Registers the service worker and listens for the two ways an update shows itself. */
  watch(): void {
    // Vite's event for a lazily imported file that failed to load. It is not cancelled: the
    // code that asked for the file still gets the error and says what could not be done.
    window.addEventListener('vite:preloadError', () => (this.available = true));
    if (!('serviceWorker' in navigator)) return;
    registerSW({
      onNeedRefresh: () => (this.available = true),
      // Another tab activated the new version: this one keeps running until the user reloads.
      onNeedReload: () => (this.available = true),
      // A tab left open for days still hears about a new version.
      onRegisteredSW: (_url, registration) => {
        if (registration) setInterval(() => registration.update().catch(() => {}), HOUR);
      },
    });
  }

  /** Lets a waiting version take over, then reloads. The caller saves pending edits first. */
  async reload(): Promise<void> {
    // No controller, no service worker to switch (and where workers are blocked, asking for the
    // registration never answers).
    const controlled = 'serviceWorker' in navigator && navigator.serviceWorker.controller !== null;
    const waiting = controlled ? (await navigator.serviceWorker.getRegistration())?.waiting : null;
    if (!waiting) {
      window.location.reload();
      return;
    }
    navigator.serviceWorker.addEventListener('controllerchange', () => window.location.reload(), { once: true });
    waiting.postMessage({ type: 'SKIP_WAITING' });
  }
}

export const appUpdate = new AppUpdate();
