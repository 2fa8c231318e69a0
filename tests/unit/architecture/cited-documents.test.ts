// Everything a comment or README cites must be in this repository: a path under docs/ (or any
// repository path written in backticks) exists, and no text points to design notes kept elsewhere.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '../../..');
const HERE = relative(ROOT, import.meta.dirname).split('\\').join('/');

function files(dir: string): string[] {
  return readdirSync(join(ROOT, dir)).flatMap((name) => {
    const path = `${dir}/${name}`;
    if (statSync(join(ROOT, path)).isDirectory()) return files(path);
    return /\.(ts|mjs|js|svelte|css|md)$/.test(name) ? [path] : [];
  });
}

const SCANNED = ['src', 'scripts', 'bench', 'tests/unit', 'tests/e2e', 'docs', 'components-catalog'].flatMap(files).filter((p) => !p.startsWith(HERE));

/** Names of documents that live outside the repository. */
const OUTSIDE = /DESIGN\.md|ARCHITECTURE\.md|simulation[ -]notes|stack-notes|catalog-figures|notes §/;

describe('cited documents', () => {
  it('are never design notes kept outside the repository', () => {
    const found = SCANNED.flatMap((path) =>
      readFileSync(join(ROOT, path), 'utf8')
        .split('\n')
        .flatMap((line, i) => (OUTSIDE.test(line) ? [`${path}:${i + 1} ${line.trim()}`] : [])),
    );
    expect(found).toEqual([]);
  });

  it('exist: every docs/… path named anywhere is a file', () => {
    const missing = SCANNED.flatMap((path) =>
      [...readFileSync(join(ROOT, path), 'utf8').matchAll(/\bdocs\/[\w./-]+\.md\b/g)]
        .map((m) => m[0])
        .filter((doc) => !existsSync(join(ROOT, doc)))
        .map((doc) => `${path} cites ${doc}`),
    );
    expect(missing).toEqual([]);
  });

  it('within docs/, a sibling named in backticks is a file', () => {
    const missing = files('docs').flatMap((path) =>
      [...readFileSync(join(ROOT, path), 'utf8').matchAll(/`([\w-]+\.md)`/g)]
        .filter((m) => !existsSync(join(ROOT, 'docs', m[1])) && !existsSync(join(ROOT, m[1])))
        .map((m) => `${path} cites ${m[1]}`),
    );
    expect(missing).toEqual([]);
  });
});
