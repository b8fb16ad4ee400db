import { browser } from 'wxt/browser';
import * as transformers from '@huggingface/transformers';
import { cacheApiModelCache } from './cache-api-model-cache';
import type { TransformerModelSettings } from './embedder-settings';
import { TransformerEmbedder, type LoadProgress, type TransformersRuntime } from './transformer-embedder';

/** Where the build copies ONNX Runtime's WASM binary (wxt.config.ts): served by the extension, never a CDN. */
export const ORT_WASM_ASSET = 'ort/ort-wasm-simd-threaded.asyncify.wasm';

/**
 * Loads a transformer model in the background context (Chrome's service worker, Firefox's event
 * page). Single-threaded WASM: a service worker cannot start Workers, and on small machines more
 * threads were slower anyway (docs/BENCHMARKS.md). The object form of `wasmPaths` makes ONNX
 * Runtime use the glue bundled here instead of `import()`ing an .mjs, which service workers forbid.
 */
export function extensionTransformerLoader(): (model: TransformerModelSettings, onProgress: (p: LoadProgress) => void) => Promise<TransformerEmbedder> {
  const cache = cacheApiModelCache();
  return (model, onProgress) => {
    const wasm = transformers.env.backends.onnx.wasm;
    if (wasm) {
      wasm.wasmPaths = { wasm: browser.runtime.getURL(`/${ORT_WASM_ASSET}` as '/') };
      wasm.numThreads = 1;
      wasm.proxy = false;
    }
    return TransformerEmbedder.load(model, { runtime: transformers as unknown as TransformersRuntime, cache, device: 'wasm', onProgress });
  };
}
