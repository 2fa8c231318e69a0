// Light / dark / follow the system, remembered in localStorage and applied to <html>.
export type ThemeChoice = 'system' | 'light' | 'dark';

const KEY = 'mlsd-theme';

export class Theme {
  choice = $state<ThemeChoice>(read());
  private systemDark = $state(matchMedia('(prefers-color-scheme: dark)').matches);
  resolved = $derived<'light' | 'dark'>(this.choice === 'system' ? (this.systemDark ? 'dark' : 'light') : this.choice);

  constructor() {
    matchMedia('(prefers-color-scheme: dark)').addEventListener('change', (e) => (this.systemDark = e.matches));
    $effect.root(() => {
      $effect(() => {
        document.documentElement.dataset.theme = this.resolved;
      });
    });
  }

  toggle(): void {
    const order: ThemeChoice[] = ['system', 'light', 'dark'];
    this.choice = order[(order.indexOf(this.choice) + 1) % order.length];
    try {
      localStorage.setItem(KEY, this.choice);
    } catch {
      // Storage may be unavailable; the choice still holds for this visit.
    }
  }
}

function read(): ThemeChoice {
  try {
    const v = localStorage.getItem(KEY);
    return v === 'light' || v === 'dark' ? v : 'system';
  } catch {
    return 'system';
  }
}
