// A component kind as stored in components-catalog/ (see component.schema.json).
import type { NodeParams } from '../model/design';

export type CategoryId = 'clients-edge' | 'online-serving' | 'storage' | 'streaming' | 'batch' | 'ml-lifecycle' | 'genai';

export interface ParamSpec {
  key: string;
  label: string;
  type: 'number' | 'integer' | 'ratio' | 'enum';
  min?: number;
  max?: number;
  step?: number;
  options?: string[];
  help?: string;
}

export interface Source {
  text: string;
  url?: string;
}

export interface ComponentKind {
  kind: string;
  name: string;
  category: CategoryId;
  description: string;
  icon: string;
  role: 'source' | 'service' | 'offline';
  defaults: NodeParams;
  params: ParamSpec[];
  sources: Record<string, Source>;
}

export interface Category {
  id: CategoryId;
  name: string;
}
