import { describe, expect, it } from 'vitest';
import { catalog } from '../../../src/catalog';
import { buildCatalog } from '../../../src/catalog/catalog';
import { loadCatalogFromDir } from '../../../src/catalog/load-node';
import { getParam, setParam, validateParam } from '../../../src/catalog/params';
import { join } from 'node:path';
import { PARAM_RULES } from '../../../src/model/rules';

describe('catalog', () => {
  it('bundled and disk catalogs hold the same kinds, grouped by category', () => {
    const disk = loadCatalogFromDir(join(import.meta.dirname, '../../../components-catalog'));
    expect(catalog.kinds.map((k) => k.kind)).toEqual(disk.kinds.map((k) => k.kind));
    const order = catalog.categories.map((c) => c.id);
    const seen = catalog.kinds.map((k) => order.indexOf(k.category));
    expect(seen).toEqual([...seen].sort((a, b) => a - b));
  });

  it('holds the kinds of a whole ML system: clients and edge, serving, storage, streaming, batch, ML lifecycle', () => {
    for (const kind of ['client', 'api-gateway', 'load-balancer', 'cdn', 'model-server-cpu', 'model-server-gpu', 'embedding-service', 'ranking-service', 'candidate-generation', 're-ranker', 'ann-index', 'feature-store-online', 'feature-store-offline', 'cache', 'search-index', 'kv-store', 'sql-db', 'object-storage', 'kafka', 'stream-processor', 'batch-processor', 'orchestrator', 'data-lake', 'data-warehouse', 'training-cluster', 'model-registry', 'experiment-tracker', 'labeling-service', 'monitoring', 'drift-detector', 'ab-testing']) {
      expect(catalog.get(kind), kind).toBeDefined();
    }
  });

  it('holds the GenAI kinds: LLM server, embedding model, reranker, guardrail, semantic cache, tool call, streaming gateway, diffusion server; and closed-loop users', () => {
    for (const kind of ['llm-server', 'embedding-model', 'reranker', 'guardrail', 'semantic-cache', 'tool-call', 'streaming-gateway', 'diffusion-server']) {
      expect(catalog.get(kind)?.category, kind).toBe('genai');
    }
    expect(catalog.get('closed-loop-users')?.role).toBe('source');
  });

  it('defaultsFor returns a copy, and undefined for an unknown kind', () => {
    const a = catalog.defaultsFor('cache')!;
    (a.service as { meanMs: number }).meanMs = 999;
    expect(catalog.defaultsFor('cache')!.service!.meanMs).not.toBe(999);
    expect(catalog.defaultsFor('nope')).toBeUndefined();
  });

  it('search ranks a name prefix first and finds by description', () => {
    expect(catalog.search('ka')[0].kind).toBe('kafka');
    expect(catalog.search('feature').slice(0, 2).map((k) => k.kind).sort()).toEqual(['feature-store-offline', 'feature-store-online']);
    expect(catalog.search('redis').map((k) => k.kind)).toContain('cache');
    expect(catalog.search('zzzz')).toEqual([]);
    expect(catalog.search('  ')).toHaveLength(catalog.kinds.length);
  });

  it('buildCatalog sorts by category then name', () => {
    const c = buildCatalog([
      { kind: 'b', name: 'B', category: 'storage', description: 'x', icon: 'lucide:box', role: 'service', defaults: {}, params: [], sources: {} },
      { kind: 'a', name: 'A', category: 'clients-edge', description: 'x', icon: 'lucide:box', role: 'source', defaults: {}, params: [], sources: {} },
    ]);
    expect(c.kinds.map((k) => k.kind)).toEqual(['a', 'b']);
  });
});

describe('params', () => {
  it('gets and sets dotted keys without mutating', () => {
    const p = { replicas: 2, service: { dist: 'exponential' as const, meanMs: 3 } };
    expect(getParam(p, 'service.meanMs')).toBe(3);
    expect(getParam(p, 'batch.maxSize')).toBeUndefined();
    const q = setParam(p, 'service.meanMs', 5);
    expect(q.service).toEqual({ dist: 'exponential', meanMs: 5 });
    expect(p.service.meanMs).toBe(3);
    expect(setParam(p, 'batch.maxSize', 8).batch).toEqual({ maxSize: 8 });
  });

  it('validates with a sentence naming the field and the range', () => {
    const spec = { key: 'pricePerReplicaMonthUsd', label: 'Price', type: 'integer' as const, min: 1, max: 100 };
    expect(validateParam(spec, 3)).toBeNull();
    expect(validateParam(spec, 0)).toBe('Price must be between 1 and 100 (got 0).');
    expect(validateParam(spec, 2.5)).toBe('Price must be a whole number (got 2.5).');
    expect(validateParam(spec, NaN)).toBe('Price must be a number.');
    expect(validateParam(spec, Infinity)).toBe('Price must be a finite number.');
    expect(validateParam({ key: 'h', label: 'Hit ratio', type: 'ratio' }, 1.2)).toBe('Hit ratio must be between 0 and 1 (got 1.2).');
    expect(validateParam({ key: 'd', label: 'Dispatch', type: 'enum', options: ['one', 'all'] }, 'x')).toMatch(/one of: one, all/);
  });

  it('takes the range of a simulated parameter from the model rules, whatever the spec says', () => {
    // The capacity planner may set 100,000 replicas and restore() reopens it: the inspector agrees.
    const spec = { key: 'replicas', label: 'Replicas', type: 'integer' as const, min: 1, max: 10_000 };
    expect(validateParam(spec, PARAM_RULES.replicas.max)).toBeNull();
    expect(validateParam(spec, PARAM_RULES.replicas.max + 1)).toBe('Replicas must be between 1 and 100,000 (got 100001).');
    expect(validateParam({ key: 'rps', label: 'Load', type: 'number', max: 1e7 }, 5e7)).toBeNull();
  });
});
