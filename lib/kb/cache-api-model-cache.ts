import type { ModelFileCache } from './transformer-embedder';

/**
 * Model files in the browser's Cache API (extension origin; survives worker and browser
 * restarts, cleared only with the extension's data). Tens of megabytes of ONNX weights do not
 * belong in IndexedDB rows, and the Cache API stores Responses as they came.
 */
export function cacheApiModelCache(name = 'faultmaven-models'): ModelFileCache {
  const open = () => caches.open(name);
  return {
    match: async (url) => (await open()).match(url),
    put: async (url, response) => (await open()).put(url, response),
    deletePrefix: async (prefix) => {
      const cache = await open();
      for (const request of await cache.keys()) if (request.url.startsWith(prefix)) await cache.delete(request);
    },
  };
}
