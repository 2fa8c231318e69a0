// Running the command-line simulator as a user does: a child process through tsx.
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const ROOT = join(import.meta.dirname, '../../..');
export const TSX = join(ROOT, 'node_modules/.bin/tsx');
export const DIR = mkdtempSync(join(tmpdir(), 'sim-cli-'));

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs a command to its end; a run past the time-out is killed and reported with code -1. */
export function spawn(cmd: string, args: string[], input?: string | Buffer): Promise<Run> {
  return new Promise((resolve) => {
    const child = execFile(cmd, args, { cwd: ROOT, timeout: 60_000, maxBuffer: 64 * 1024 * 1024 }, (err, stdout, stderr) => {
      const code = err ? (typeof err.code === 'number' ? err.code : -1) : 0;
      resolve({ code, stdout, stderr });
    });
    if (input === undefined) return;
    // The CLI may stop reading early (that is what a limit does): the rest of the input has nowhere to go.
    child.stdin!.on('error', () => {});
    child.stdin!.end(input);
  });
}

export const sim = (...args: string[]) => spawn(TSX, ['scripts/sim.ts', ...args]);

export function file(name: string, content: string | Uint8Array): string {
  const path = join(DIR, name);
  writeFileSync(path, content);
  return path;
}

/** Exit code 2, nothing on stdout, exactly one line on stderr. */
export function isOneLineRefusal(r: Run): boolean {
  return r.code === 2 && r.stdout === '' && r.stderr.endsWith('\n') && r.stderr.trimEnd().split('\n').length === 1;
}
