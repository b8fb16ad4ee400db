import { afterEach, describe, expect, it, vi } from 'vitest';
import { dotInt8 } from '../vector-math';
import { int8DotKernelBytes, instantiateInt8DotKernel } from './int8-dot-kernel';

describe('int8 dot kernel (WebAssembly SIMD)', () => {
  it('validates as a SIMD module', () => {
    expect(WebAssembly.validate(int8DotKernelBytes())).toBe(true);
  });

  it('computes f64(Σ q·row) · qScale · scale for every row, the JS int8 formula bit for bit', () => {
    const kernel = instantiateInt8DotKernel(1)!;
    const stride = 64;
    const rows = 9;
    const bytes = new Int8Array(kernel.memory.buffer);
    let state = 17;
    const next = () => ((state = (state * 1103515245 + 12345) >>> 0) % 255) - 127;
    const query = bytes.subarray(0, stride);
    for (let i = 0; i < stride; i++) query[i] = next();
    const dataOffset = 64;
    for (let i = 0; i < rows * stride; i++) bytes[dataOffset + i] = next();
    // Extreme rows: all +127 and all −127 against a +127/−127 query, the i16 sums' worst case.
    query.fill(127, 0, 32).fill(-127, 32, 64);
    bytes.fill(127, dataOffset, dataOffset + stride);
    bytes.fill(-127, dataOffset + stride, dataOffset + 2 * stride);
    const scalesOffset = dataOffset + rows * stride;
    const scales = new Float32Array(kernel.memory.buffer, scalesOffset, rows);
    scales.set(Array.from({ length: rows }, (_, i) => 0.001 * (i + 1)));
    const outOffset = scalesOffset + rows * 8;
    const qScale = 0.0123;
    kernel.scanInt8(0, dataOffset, scalesOffset, outOffset, rows, stride, qScale);
    const out = new Float64Array(kernel.memory.buffer, outOffset, rows);
    for (let r = 0; r < rows; r++) {
      expect(out[r]).toBe(dotInt8(query, bytes, dataOffset + r * stride, stride) * qScale * scales[r]!);
    }
    expect(out[0]).toBe(0); // +127·127 on one half cancels −127·127 on the other
  });

  describe('where WebAssembly cannot run, the vector store falls back to the JS scan', () => {
    afterEach(() => {
      vi.unstubAllGlobals();
      vi.resetModules();
    });

    async function freshStore() {
      vi.resetModules(); // the compiled module is cached per module instance
      const { FlatVectorStore } = await import('../flat-vector-store');
      const store = new FlatVectorStore(3, 'f32', 2);
      store.set(0, new Float32Array([1, 0, 0]));
      store.set(1, new Float32Array([0, 1, 0]));
      return store;
    }

    it('no WebAssembly at all', async () => {
      vi.stubGlobal('WebAssembly', undefined);
      const store = await freshStore();
      expect(store.usesSimd).toBe(false);
      expect(store.search(new Float32Array([0, 1, 0]), 1)).toEqual([{ slot: 1, score: 1 }]);
    });

    it("a CSP without 'wasm-unsafe-eval' (compiling throws)", async () => {
      const real = WebAssembly;
      vi.stubGlobal('WebAssembly', {
        ...real,
        validate: real.validate,
        Module: function refuse() {
          throw new EvalError("WebAssembly.Module(): Refused to compile: 'wasm-unsafe-eval' is not an allowed source of script");
        },
      });
      const store = await freshStore();
      expect(store.usesSimd).toBe(false);
      expect(store.search(new Float32Array([1, 0, 0]), 2).map((h) => h.slot)).toEqual([0, 1]);
    });
  });
});
