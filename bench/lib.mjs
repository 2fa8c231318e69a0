// Shared bench plumbing: building, serving the built pages, and launching Debian's Chromium.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { chromium } from '@playwright/test';

export function run(cmd, args) {
  const r = spawnSync(cmd, args, { stdio: ['ignore', 'ignore', 'inherit'] });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed`);
}

export async function serve(args, port) {
  const proc = spawn('npx', ['vite', 'preview', ...args, '--host', '127.0.0.1', '--port', String(port), '--strictPort'], { stdio: 'ignore', detached: true });
  const url = `http://127.0.0.1:${port}/`;
  const stop = () => {
    try {
      process.kill(-proc.pid);
    } catch {
      /* already gone */
    }
  };
  // A loaded machine can take many seconds to start Vite; a server that never answers is
  // stopped, so it cannot hold the port for the next bench.
  for (let i = 0; i < 600; i++) {
    try {
      if ((await fetch(url)).ok) return { url, stop };
    } catch {
      /* not up yet */
    }
    await sleep(100);
  }
  stop();
  throw new Error(`preview server on ${port} did not start within 60 s`);
}

export function launch() {
  const executablePath = process.env.CHROMIUM_PATH ?? (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);
  return chromium.launch({
    executablePath,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

export const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.floor(s.length / 2)] : NaN;
};
export const round = (x, d = 2) => Math.round(x * 10 ** d) / 10 ** d;
