// The app's catalog: every file of components-catalog/, bundled at build time.
import { buildCatalog } from './catalog';
import type { ComponentKind } from './types';

const files = import.meta.glob<ComponentKind>('../../components-catalog/*/*.json', { eager: true, import: 'default' });

export const catalog = buildCatalog(Object.values(files));
export type { ComponentKind, ParamSpec } from './types';
