// Every file of components-catalog/ against the schema and the catalog's own rules; a failure
// names the file and the field.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import { describe, expect, it } from 'vitest';
import { getParam } from '../../../src/catalog/params';
import { iconFor } from '../../../src/ui/icons/icons';
import { brandPath } from '../../../scripts/brand-icons';
import type { ComponentKind, ParamSpec } from '../../../src/catalog/types';
import { nodeParamsProblem } from '../../../src/model/checks';
import { EDGE_RULES, paramChoices, paramRule } from '../../../src/model/rules';
import { EDGE_PARAMS, GENERIC_PARAMS, SOURCE_PARAMS } from '../../../src/app/param-specs';

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

/**
 * What a spec may say about a parameter the model rules: no range of its own (the rule's is used),
 * the rule's kind of number, and only choices the rule allows. Returns the first disagreement.
 */
function disagreement(spec: ParamSpec): string | null {
  const rule = paramRule(spec.key);
  const choices = paramChoices(spec.key);
  if (rule) {
    if (spec.min !== undefined || spec.max !== undefined) return `${spec.key} declares a range; the model rule (${rule.min}–${rule.max}) is the only one`;
    if ((spec.type === 'integer') !== !!rule.integer) return `${spec.key} is "${spec.type}" but the rule ${rule.integer ? 'wants whole numbers' : 'allows fractions'}`;
    if (spec.type === 'ratio' && (rule.min !== 0 || rule.max !== 1)) return `${spec.key} is a ratio but the rule is ${rule.min}–${rule.max}`;
  }
  if (choices && spec.options?.some((o) => !choices.includes(o))) return `${spec.key} offers a choice the rule does not allow`;
  if (spec.type === 'enum' && !choices && !spec.options?.length) return `${spec.key} has no options`;
  return null;
}

describe('components catalog', () => {
  it('has at least 52 kinds with unique ids', () => {
    expect(files.length).toBeGreaterThanOrEqual(52);
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
    if (def.icon.startsWith('si:')) expect(() => brandPath(def.icon.slice(3)), `${file}: simple-icons has no logo ${def.icon}`).not.toThrow();
    else expect(iconFor(def.icon), `${file}: icon ${def.icon} is not registered in src/ui/icons/icons.ts`).toBeDefined();
    for (const key of numbers(def.defaults)) {
      expect(def.sources[key], `${file}: defaults.${key} has no source`).toBeDefined();
    }
    expect(nodeParamsProblem(def.defaults), `${file}: defaults break the model rules`).toBeNull();
    for (const spec of def.params) {
      expect(disagreement(spec), `${file}`).toBeNull();
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

describe('inspector fields of components the catalog does not know, and of connections', () => {
  it.each([...GENERIC_PARAMS, ...SOURCE_PARAMS].map((s) => [s.key, s] as const))('%s agrees with the model rules', (_key, spec) => {
    expect(disagreement(spec)).toBeNull();
  });

  it.each(EDGE_PARAMS.filter((s) => s.type !== 'enum').map((s) => [s.key, s] as const))('connection %s has the edge rule\'s range', (key, spec) => {
    const rule = EDGE_RULES[key as keyof typeof EDGE_RULES];
    expect({ min: spec.min, max: spec.max }).toEqual({ min: rule.min, max: rule.max });
  });
});
