import * as transformers from '@huggingface/transformers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startModelFileServer, type ModelFileServer } from '@/tests/support/model-file-server';
import { memoryModelCache } from './node/memory-model-cache';
import { TransformerEmbedder, type LoadProgress, type TransformersRuntime } from './transformer-embedder';
import { dotF32 } from './vector-math';

// The real loading path (download, cache, tokenizer, ONNX Runtime) against a local model host.
// Node runs transformers.js's native ONNX Runtime; the extension runs its WASM build.
const runtime = transformers as unknown as TransformersRuntime;
let server: ModelFileServer;
const dot = (a: Float32Array, b: Float32Array) => dotF32(a, b, 0, a.length);

beforeAll(async () => {
  server = await startModelFileServer();
});
afterAll(async () => server.close());

const settings = (modelId = 'test/tiny-bert', hostUrl = server.url) => ({ hostUrl, modelId, dtype: 'fp32' as const });

describe('TransformerEmbedder', () => {
  it('downloads the model with progress, embeds to unit vectors of the model width, and serves the second load from the cache', async () => {
    const cache = memoryModelCache();
    const progress: LoadProgress[] = [];
    server.requests.length = 0;
    const embedder = await TransformerEmbedder.load(settings(), { runtime, cache, device: 'cpu', onProgress: (p) => progress.push(p) });

    expect(embedder.dim).toBe(32);
    expect(embedder.id).toBe('transformer:test/tiny-bert@fp32');
    expect(server.requests.some((r) => r.endsWith('/onnx/model.onnx'))).toBe(true);
    expect(progress.length).toBeGreaterThan(0);
    expect(progress.at(-1)!.progress).toBe(1);
    expect(progress.every((p, i) => i === 0 || p.progress >= progress[i - 1]!.progress)).toBe(true);

    const texts = ['disk full on the database node', 'pod crash loop back off after deploy', 'disk full on the database node'];
    const vectors = await embedder.embed(texts);
    expect(vectors.map((v) => v.length)).toEqual([32, 32, 32]);
    for (const v of vectors) expect(dot(v, v)).toBeCloseTo(1, 4);
    expect(dot(vectors[0]!, vectors[2]!)).toBeCloseTo(1, 5);
    expect(dot(vectors[0]!, vectors[1]!)).toBeLessThan(0.999);
    // More texts than one batch come back in order.
    const many = await embedder.embed(Array.from({ length: 19 }, (_, i) => (i === 13 ? texts[1]! : texts[0]!)));
    expect(many).toHaveLength(19);
    expect(dot(many[13]!, vectors[1]!)).toBeCloseTo(1, 5);

    server.requests.length = 0;
    const again = await TransformerEmbedder.load(settings(), { runtime, cache, device: 'cpu' });
    expect(server.requests).toEqual([]);
    expect(dot((await again.embed([texts[1]!]))[0]!, vectors[1]!)).toBeCloseTo(1, 5);
  });

  it('explains a missing model and leaves nothing cached', async () => {
    const cache = memoryModelCache();
    await expect(TransformerEmbedder.load(settings('test/no-such-model'), { runtime, cache, device: 'cpu' })).rejects.toThrow(
      /Could not load the embedding model test\/no-such-model from http:\/\/127\.0\.0\.1:\d+\/: a model file is missing there/,
    );
    expect(cache.size()).toBe(0);
  });

  it('explains a damaged model file and drops the partial download from the cache', async () => {
    const cache = memoryModelCache();
    await expect(TransformerEmbedder.load(settings('test/corrupt-bert'), { runtime, cache, device: 'cpu' })).rejects.toThrow(
      /Could not load the embedding model test\/corrupt-bert .*damaged or not an ONNX model/,
    );
    expect(cache.size()).toBe(0);
  });

  it('explains an unreachable host', async () => {
    const closed = await startModelFileServer();
    await closed.close();
    await expect(TransformerEmbedder.load(settings('test/tiny-bert', closed.url), { runtime, cache: memoryModelCache(), device: 'cpu' })).rejects.toThrow(
      /the host could not be reached/,
    );
  });
});
