// The template gallery's data: the book's ten case studies and four GenAI ones as reference
// designs, one design document per file in designs/. The list below is all the start bundle
// carries; each design is its own lazily loaded chunk, fetched only when picked.

export interface TemplateInfo {
  /** File name in designs/ without `.json`. */
  id: string;
  name: string;
  /** One line for the gallery card. */
  summary: string;
}

export const TEMPLATES: readonly TemplateInfo[] = [
  { id: 'visual-search', name: 'Visual search', summary: 'Image encoder on GPU, sharded ANN, re-ranking; CDN for image bytes; index builder for new uploads.' },
  { id: 'street-view-blurring', name: 'Street View blurring', summary: 'Batch detection on GPUs behind CPU preprocessing; viewers read blurred imagery through a CDN.' },
  { id: 'youtube-video-search', name: 'YouTube video search', summary: 'Text encoder + ANN and Elasticsearch in parallel, fused and re-ranked; offline video encoding.' },
  { id: 'harmful-content-detection', name: 'Harmful content detection', summary: 'Posts queued to a multi-task GPU classifier; enforcement, demotion and manual review.' },
  { id: 'video-recommendation', name: 'Video recommendation', summary: 'Candidate generation (two-tower + ANN), scoring with a feature store, re-ranking.' },
  { id: 'event-recommendation', name: 'Event recommendation', summary: 'Rule filter then ranking with stored and real-time features; an external map API in the tail.' },
  { id: 'ad-click-prediction', name: 'Ad click prediction', summary: 'Targeting, CTR ranking with streaming features, continual training every few minutes.' },
  { id: 'similar-listings', name: 'Similar listings', summary: 'Session-based listing embeddings, ANN lookup, re-ranking by user filters; daily retraining.' },
  { id: 'personalized-news-feed', name: 'Personalized news feed', summary: 'Retrieval with a candidate cache, multi-task ranking at 50k loads/s, re-ranking.' },
  { id: 'people-you-may-know', name: 'People you may know', summary: 'Precomputed lists from a daily GNN batch job; on-demand friends-of-friends on a miss.' },
  { id: 'chat-assistant', name: 'Chat assistant', summary: '2,000 users in a closed loop; streaming gateway, guardrail, semantic cache, LLM on H100s.' },
  { id: 'rag-assistant', name: 'RAG assistant', summary: 'Embed, vector search, cross-encoder rerank, then an LLM answers; hourly ingestion pipeline.' },
  { id: 'code-copilot', name: 'Code copilot', summary: 'Low-latency completion: a small code model, 1,500-token context, p99 under 800 ms.' },
  { id: 'text-to-image', name: 'Text-to-image generation', summary: 'Prompt safety check, then SDXL on 100 A100s at 3.3 s an image; images through a CDN.' },
];

const files = import.meta.glob<unknown>('./designs/*.json', { import: 'default' });

/** The template's design document as stored (not yet restored), or null for an unknown id. */
export async function loadTemplate(id: string): Promise<unknown | null> {
  const load = files[`./designs/${id}.json`];
  return load ? structuredClone(await load()) : null;
}

/** Ids of every template file, for checks that the list and the files agree. */
export const templateFileIds = (): string[] => Object.keys(files).map((p) => p.replace(/^.*\/(.+)\.json$/, '$1'));
