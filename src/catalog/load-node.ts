// The catalog for Node (the command-line simulator): the same files, read from disk.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { buildCatalog, type Catalog } from './catalog';
import type { ComponentKind } from './types';

export function loadCatalogFromDir(dir: string): Catalog {
  const defs: ComponentKind[] = [];
  for (const category of readdirSync(dir)) {
    const folder = join(dir, category);
    if (!statSync(folder).isDirectory()) continue;
    for (const file of readdirSync(folder)) {
      if (file.endsWith('.json')) defs.push(JSON.parse(readFileSync(join(folder, file), 'utf8')));
    }
  }
  return buildCatalog(defs);
}
