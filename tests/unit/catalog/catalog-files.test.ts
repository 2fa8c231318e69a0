// Every file of components-catalog/ against the schema and the catalog's own rules; a failure
// names the file and the field.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import { describe, expect, it } from 'vitest';
import { getParam } from '../../../src/catalog/params';
import { iconFor } from '../../../src/ui/icons/icons';
import type { ComponentKind } from '../../../src/catalog/types';

const root = join(import.meta.dirname, '../../../components-catalog');
const schema = JSON.parse(readFileSync(join(root, 'component.schema.json'), 'utf8'));
const validate = new Ajv({ allErrors: true }).compile(schema);

const files = readdirSync(root)
  .filter((d) => statSync(join(root, d)).isDirectory())
  .flatMap((d) => readdirSync(join(root, d)).filter((f) => f.endsWith('.json')).map((f) => `${d}/${f}`));
const load = (f: string) => JSON.parse(readFileSync(join(root, f), 'utf8')) as ComponentKind;

/** Every number in the defaults, by dotted key. */
function numbers(obj: Record<string, unknown>, prefix = ''): string[] {
  return Object.entries(obj).flatMap(([k, v]) =>
    typeof v === 'number' ? [prefix + k] : v && typeof v === 'object' ? numbers(v as Record<string, unknown>, `${prefix}${k}.`) : [],
  );
}

describe('components catalog', () => {
  it('has at least 40 kinds with unique ids', () => {
    expect(files.length).toBeGreaterThanOrEqual(40);
    const kinds = files.map((f) => load(f).kind);
    expect(new Set(kinds).size).toBe(kinds.length);
  });

  it.each(files)('%s', (file) => {
    const def = load(file);
    const ok = validate(def);
    const errors = (validate.errors ?? []).map((e) => `${file}: ${e.instancePath || '/'} ${e.message}`);
    expect(errors, errors.join('\n')).toEqual([]);
    expect(ok).toBe(true);
    const [folder, name] = file.split('/');
    expect(def.kind, `${file}: kind must equal the file name`).toBe(name.replace(/\.json$/, ''));
    expect(def.category, `${file}: category must equal the folder`).toBe(folder);
    expect(iconFor(def.icon), `${file}: icon ${def.icon} is not registered in src/ui/icons/icons.ts`).toBeDefined();
    for (const key of numbers(def.defaults)) {
      expect(def.sources[key], `${file}: defaults.${key} has no source`).toBeDefined();
    }
    for (const spec of def.params) {
      const value = getParam(def.defaults, spec.key);
      expect(value, `${file}: params "${spec.key}" has no default`).toBeDefined();
      if (typeof value === 'number') {
        expect(value, `${file}: ${spec.key} below its min`).toBeGreaterThanOrEqual(spec.min ?? -Infinity);
        expect(value, `${file}: ${spec.key} above its max`).toBeLessThanOrEqual(spec.max ?? Infinity);
      }
      if (spec.type === 'enum') expect(spec.options, `${file}: ${spec.key} options`).toContain(value);
    }
    if (def.role === 'service') expect(def.defaults.service?.meanMs, `${file}: service.meanMs`).toBeGreaterThan(0);
    if (def.role === 'source') expect(def.defaults.rps, `${file}: rps`).toBeGreaterThan(0);
  });
});
