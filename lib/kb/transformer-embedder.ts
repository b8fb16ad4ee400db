import type { Embedder } from './embedder';
import { normaliseHostUrl, type TransformerModelSettings } from './embedder-settings';

/**
 * A sentence-transformer embedder on transformers.js: mean-pooled, normalised token vectors
 * of a BERT-style model (all-MiniLM-L6-v2, bge-small…). The runtime (the library's web build
 * in the extension, its Node build in tests) and the file cache are passed in, so the very
 * same loading code runs in the service worker and under test against a local model server.
 */

/** The slice of `@huggingface/transformers` this module uses. */
export interface TransformersRuntime {
  env: {
    remoteHost: string;
    remotePathTemplate: string;
    allowRemoteModels: boolean;
    allowLocalModels: boolean;
    useBrowserCache: boolean;
    useFSCache: boolean;
    useCustomCache: boolean;
    customCache: unknown;
  };
  pipeline: (task: 'feature-extraction', model: string, options: Record<string, unknown>) => Promise<unknown>;
}

/** Where downloaded model files live between loads (the Cache API in the extension). */
export interface ModelFileCache {
  match(url: string): Promise<Response | undefined>;
  put(url: string, response: Response): Promise<void>;
  /** Drops every file whose URL starts with the prefix (a damaged download must not stick). */
  deletePrefix(prefix: string): Promise<void>;
}

export interface LoadProgress {
  /** 0..1 over all files of the model. */
  progress: number;
  loadedBytes: number;
  totalBytes: number;
}

export interface TransformerLoadOptions {
  runtime: TransformersRuntime;
  cache: ModelFileCache;
  /** `cpu` for Node's native runtime, `wasm` in the browser. */
  device: 'cpu' | 'wasm';
  onProgress?: (progress: LoadProgress) => void;
}

type FeatureExtractor = (texts: string[], options: { pooling: 'mean'; normalize: boolean }) => Promise<{ dims: number[]; data: Float32Array }>;

/** Chunks per model call: large enough to amortise call overhead, small enough to keep memory flat. */
const BATCH_SIZE = 8;

export class TransformerEmbedder implements Embedder {
  readonly id: string;

  private constructor(
    private readonly extract: FeatureExtractor,
    readonly dim: number,
    settings: TransformerModelSettings,
  ) {
    this.id = `transformer:${settings.modelId}@${settings.dtype}`;
  }

  async embed(texts: string[]): Promise<Float32Array[]> {
    const out: Float32Array[] = [];
    for (let i = 0; i < texts.length; i += BATCH_SIZE) {
      const batch = texts.slice(i, i + BATCH_SIZE).map((t) => (t.trim().length > 0 ? t : ' '));
      const tensor = await this.extract(batch, { pooling: 'mean', normalize: true });
      for (let row = 0; row < batch.length; row++) out.push(tensor.data.slice(row * this.dim, (row + 1) * this.dim));
    }
    return out;
  }

  static async load(settings: TransformerModelSettings, options: TransformerLoadOptions): Promise<TransformerEmbedder> {
    const host = normaliseHostUrl(settings.hostUrl);
    const { env, pipeline } = options.runtime;
    // One global env in the library: set everything this load depends on, every time.
    env.remoteHost = host;
    env.remotePathTemplate = '{model}/resolve/{revision}/';
    env.allowRemoteModels = true;
    env.allowLocalModels = false;
    env.useBrowserCache = false;
    env.useFSCache = false;
    env.useCustomCache = true;
    env.customCache = options.cache;
    try {
      const extract = (await pipeline('feature-extraction', settings.modelId, {
        dtype: settings.dtype,
        device: options.device,
        progress_callback: (info: { status: string; progress?: number; loaded?: number; total?: number }) => {
          if (info.status === 'progress_total') {
            options.onProgress?.({ progress: Math.min(1, (info.progress ?? 0) / 100), loadedBytes: info.loaded ?? 0, totalBytes: info.total ?? 0 });
          }
        },
      })) as FeatureExtractor;
      const probe = await extract(['dimension probe'], { pooling: 'mean', normalize: true });
      const dim = probe.dims[probe.dims.length - 1]!;
      if (!Number.isInteger(dim) || dim < 2) throw new Error(`the model produced ${dim}-dimensional vectors`);
      return new TransformerEmbedder(extract, dim, settings);
    } catch (error) {
      // A half-downloaded or damaged model must not be served from the cache next time.
      await options.cache.deletePrefix(`${host}${settings.modelId}/`).catch(() => undefined);
      throw new Error(explainLoadFailure(settings, host, error));
    }
  }
}

export function explainLoadFailure(settings: TransformerModelSettings, host: string, error: unknown): string {
  const reason = error instanceof Error ? error.message : String(error);
  // File names in URLs ("config.json", "model.onnx") must not decide the diagnosis.
  const words = reason.replace(/\S+:\/\/\S+/g, ' ');
  const what = `Could not load the embedding model ${settings.modelId} from ${host}`;
  if (/could not locate|404|not found/i.test(words)) return `${what}: a model file is missing there (${reason})`;
  if (/fetch failed|failed to fetch|networkerror|econnrefused|enotfound|cross-origin|cors|network/i.test(words)) {
    return `${what}: the host could not be reached or refused the request (offline, a wrong URL, or no CORS headers?)`;
  }
  if (/protobuf|onnx|parse|json|unexpected token|invalid|corrupt/i.test(words)) return `${what}: the model files are damaged or not an ONNX model (${reason})`;
  return `${what}: ${reason}`;
}
