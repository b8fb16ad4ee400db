import type { ModelFileCache } from '../transformer-embedder';

/** Model files kept in memory: the Node stand-in for the extension's Cache API store (tests, CLI). */
export function memoryModelCache(): ModelFileCache & { size(): number } {
  const files = new Map<string, { body: ArrayBuffer; headers: [string, string][] }>();
  return {
    match: async (url) => {
      const hit = files.get(url);
      return hit ? new Response(hit.body.slice(0), { headers: hit.headers }) : undefined;
    },
    put: async (url, response) => {
      files.set(url, { body: await response.arrayBuffer(), headers: [...response.headers.entries()] });
    },
    deletePrefix: async (prefix) => {
      for (const url of [...files.keys()]) if (url.startsWith(prefix)) files.delete(url);
    },
    size: () => files.size,
  };
}
