// Which catalog kind a box of someone else's diagram most likely is, from its text alone:
// "API gateway" is an API gateway, "Redis" a cache, "Two-tower training" a training cluster.
// The longest name or word found in the text wins; nothing found is an application service,
// the catalog's generic component.

export interface KindName {
  kind: string;
  name: string;
}

export const FALLBACK_KIND = 'app-service';

/** Other words people write for a kind, beside its catalog name and id. */
const SYNONYMS: Record<string, string[]> = {
  client: ['user', 'users', 'client', 'clients', 'browser', 'mobile', 'web app', 'frontend', 'homepage'],
  'api-gateway': ['gateway', 'api'],
  'load-balancer': ['lb', 'balancer', 'nginx'],
  'event-collector': ['events', 'logging', 'tracking', 'event log'],
  kafka: ['event bus', 'message bus', 'pubsub', 'pub/sub', 'kinesis', 'stream'],
  'task-queue': ['queue', 'sqs', 'rabbitmq'],
  cache: ['redis', 'memcached'],
  'sql-db': ['database', 'db', 'postgres', 'postgresql', 'mysql', 'sql'],
  'kv-store': ['key value', 'dynamodb', 'cassandra', 'kv'],
  'object-storage': ['s3', 'blob', 'gcs', 'object store'],
  'vector-db': ['vector', 'pinecone', 'milvus'],
  'search-index': ['elasticsearch', 'search'],
  'ann-index': ['ann', 'faiss', 'nearest neighbor', 'nearest neighbour'],
  'model-server-gpu': ['gpu'],
  'model-server-cpu': ['model', 'inference', 'predictor', 'classifier'],
  'training-cluster': ['training', 'trainer', 'train'],
  'model-registry': ['registry'],
  'feature-store-online': ['feature store', 'features'],
  'data-warehouse': ['warehouse', 'bigquery', 'snowflake'],
  'data-lake': ['lake', 'hdfs'],
  'batch-processor': ['spark', 'batch', 'etl'],
  'stream-processor': ['flink', 'stream processing'],
  orchestrator: ['airflow', 'scheduler'],
  monitoring: ['monitor', 'metrics', 'grafana', 'prometheus', 'dashboard'],
  'ranking-service': ['ranking', 'ranker', 'rank'],
  're-ranker': ['rerank', 'reranker', 're-rank', 'reranking', 're-ranking'],
  'embedding-service': ['embedding', 'embeddings', 'encoder'],
  'candidate-generation': ['candidates', 'candidate', 'retrieval'],
  'app-service': ['service', 'server', 'backend'],
};

const words = (s: string) => ` ${s.toLowerCase().replace(/\([^)]*\)/g, ' ').replace(/[^a-z0-9/]+/g, ' ').trim()} `;

export function guessKind(text: string, kinds: readonly KindName[]): string {
  const said = words(text);
  let best = { kind: FALLBACK_KIND, score: 0 };
  for (const k of kinds) {
    // A catalog name counts double: "Feature store (online)" beats the word "features".
    const terms: [string, number][] = [[k.name, 2], [k.kind.replace(/-/g, ' '), 2], ...(SYNONYMS[k.kind] ?? []).map((w): [string, number] => [w, 1])];
    for (const [term, weight] of terms) {
      const w = words(term);
      if (w.trim() === '' || !said.includes(w)) continue;
      const score = w.length * weight;
      if (score > best.score) best = { kind: k.kind, score };
    }
  }
  return best.kind;
}
