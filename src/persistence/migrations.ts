// Named migrations from each released format version to the next. Version 1 is the first
// release, so there is nothing to migrate yet; a version-2 change adds `1: function v1ToV2`.
type Doc = Record<string, unknown>;

const MIGRATIONS: Record<number, (doc: Doc) => Doc> = {};

export function migrate(doc: Doc, fromVersion: number): Doc {
  let current = doc;
  for (let v = fromVersion; MIGRATIONS[v]; v++) current = MIGRATIONS[v](current);
  return current;
}
