/**
 * Which embedder the knowledge base uses. The built-in static word vectors work offline from
 * the first run; a transformer model (e.g. all-MiniLM-L6-v2) is a one-click upgrade that is
 * downloaded once from a configurable host and cached. Pure data: shared by the service
 * worker, the pages and the protocol.
 */

export interface TransformerModelSettings {
  /** Where the model files are fetched from; the Hugging Face hub layout `{host}{model}/resolve/main/…`. */
  hostUrl: string;
  /** Repository-style id, e.g. `Xenova/all-MiniLM-L6-v2`. */
  modelId: string;
  /** `q8`: the 8-bit `onnx/model_quantized.onnx` (4x smaller, about twice as fast); `fp32`: `onnx/model.onnx`. */
  dtype: 'q8' | 'fp32';
}

export type EmbedderChoice = { kind: 'static' } | { kind: 'transformer'; model: TransformerModelSettings };

export const DEFAULT_TRANSFORMER_MODEL: TransformerModelSettings = {
  hostUrl: 'https://huggingface.co/',
  modelId: 'Xenova/all-MiniLM-L6-v2',
  dtype: 'q8',
};

/** Settings-table key holding the current `EmbedderChoice`. */
export const EMBEDDER_SETTING_KEY = 'kb.embedder';

export interface EmbedderJob {
  phase: 'downloading' | 'reindexing';
  /** 0..1 */
  progress: number;
  detail: string;
}

export interface KbEmbedderStatus {
  /** What the user chose (a transformer stays chosen even while it cannot be loaded). */
  choice: EmbedderChoice;
  /** The embedder serving searches now. */
  activeEmbedderId: string;
  /** A model download or re-index under way. */
  job: EmbedderJob | null;
  /** Why the last switch or load failed; the previous embedder keeps working meanwhile. */
  error: string | null;
}

/** A clear message for a bad choice, or null when it can be tried. */
export function validateEmbedderChoice(choice: EmbedderChoice): string | null {
  if (choice.kind === 'static') return null;
  const { hostUrl, modelId, dtype } = choice.model;
  let url: URL;
  try {
    url = new URL(hostUrl);
  } catch {
    return `"${hostUrl}" is not a URL; give the model host, e.g. ${DEFAULT_TRANSFORMER_MODEL.hostUrl}`;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return `The model host must be an http(s) URL, got ${url.protocol}`;
  if (!/^[\w.-]+(\/[\w.-]+)?$/.test(modelId)) return `"${modelId}" is not a model id like ${DEFAULT_TRANSFORMER_MODEL.modelId}`;
  if (dtype !== 'q8' && dtype !== 'fp32') return `Unknown model precision "${String(dtype)}"`;
  return null;
}

export function normaliseHostUrl(hostUrl: string): string {
  return hostUrl.endsWith('/') ? hostUrl : `${hostUrl}/`;
}
