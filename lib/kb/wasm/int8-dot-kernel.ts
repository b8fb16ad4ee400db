import { encodeModule, op, ValType, type WasmFunction } from './wasm-encoder';

/**
 * The WebAssembly SIMD kernel of the vector scan: for `count` int8 rows of `stride` bytes it
 * writes `f64(Σ q[i]·row[i]) · qScale · scale[row]` to `out`, i.e. exactly what the JS int8 scan
 * computes (integer dot product, exact in i32; then the same two double multiplications in the
 * same order), so both paths rank identically.
 *
 * Per 32 bytes: two 16-lane loads of query and row, i16x8.extmul low/high (|127·127| fits
 * i16, and so does the sum of two: 32,258 < 32,767), i16x8.add, i32x4.extadd_pairwise, one
 * i32x4.add into the accumulator. int8 rows are a quarter of the f32 bytes, and at 100k × 384
 * the scan is bound by memory bandwidth, which is what makes this faster than f32 SIMD.
 *
 * Layout contract (checked by the caller): `stride` is a positive multiple of 32, rows and
 * the query are zero-padded to it, `query` and `data` are 16-byte aligned, `scales` 4-byte
 * and `out` 8-byte aligned.
 */
export const INT8_STRIDE_ALIGN = 32;

const P = { query: 0, data: 1, scales: 2, out: 3, count: 4, stride: 5, qScale: 6 } as const;
const L = { i: 7, acc: 8, qa: 9, da: 10, qb: 11, db: 12 } as const;

/** One 16-byte half: pairwise-summed i32x4 of q·d for the loaded vectors in locals `q`, `d`. */
function halfProducts(q: number, d: number): number[] {
  return [
    ...op.localGet(q),
    ...op.localGet(d),
    ...op.i16x8ExtmulLowI8x16S,
    ...op.localGet(q),
    ...op.localGet(d),
    ...op.i16x8ExtmulHighI8x16S,
    ...op.i16x8Add,
    ...op.i32x4ExtaddPairwiseI16x8S,
  ];
}

function addressPlusI(base: number): number[] {
  return [...op.localGet(base), ...op.localGet(L.i), ...op.i32Add];
}

const scanInt8: WasmFunction = {
  name: 'scan_int8',
  params: [ValType.i32, ValType.i32, ValType.i32, ValType.i32, ValType.i32, ValType.i32, ValType.f64],
  results: [],
  locals: [ValType.i32, ValType.v128, ValType.v128, ValType.v128, ValType.v128, ValType.v128],
  body: [
    ...op.block,
    ...op.localGet(P.count),
    ...op.i32Eqz,
    ...op.brIf(0),
    ...op.loop, // over rows
    ...op.v128Zero,
    ...op.localSet(L.acc),
    ...op.i32Const(0),
    ...op.localSet(L.i),
    ...op.loop, // over 32-byte blocks of the row
    ...addressPlusI(P.query),
    ...op.v128Load(4, 0),
    ...op.localSet(L.qa),
    ...addressPlusI(P.data),
    ...op.v128Load(4, 0),
    ...op.localSet(L.da),
    ...addressPlusI(P.query),
    ...op.v128Load(4, 16),
    ...op.localSet(L.qb),
    ...addressPlusI(P.data),
    ...op.v128Load(4, 16),
    ...op.localSet(L.db),
    ...op.localGet(L.acc),
    ...halfProducts(L.qa, L.da),
    ...halfProducts(L.qb, L.db),
    ...op.i32x4Add,
    ...op.i32x4Add,
    ...op.localSet(L.acc),
    ...op.localGet(L.i),
    ...op.i32Const(32),
    ...op.i32Add,
    ...op.localTee(L.i),
    ...op.localGet(P.stride),
    ...op.i32LtU,
    ...op.brIf(0),
    ...op.end,
    // out[row] = f64(horizontal sum) * qScale * f64(scales[row])
    ...op.localGet(P.out),
    ...op.localGet(L.acc),
    ...op.i32x4ExtractLane(0),
    ...op.localGet(L.acc),
    ...op.i32x4ExtractLane(1),
    ...op.i32Add,
    ...op.localGet(L.acc),
    ...op.i32x4ExtractLane(2),
    ...op.i32Add,
    ...op.localGet(L.acc),
    ...op.i32x4ExtractLane(3),
    ...op.i32Add,
    ...op.f64ConvertI32S,
    ...op.localGet(P.qScale),
    ...op.f64Mul,
    ...op.localGet(P.scales),
    ...op.f32Load(2, 0),
    ...op.f64PromoteF32,
    ...op.f64Mul,
    ...op.f64Store(3, 0),
    // Advance to the next row.
    ...op.localGet(P.data),
    ...op.localGet(P.stride),
    ...op.i32Add,
    ...op.localSet(P.data),
    ...op.localGet(P.scales),
    ...op.i32Const(4),
    ...op.i32Add,
    ...op.localSet(P.scales),
    ...op.localGet(P.out),
    ...op.i32Const(8),
    ...op.i32Add,
    ...op.localSet(P.out),
    ...op.localGet(P.count),
    ...op.i32Const(1),
    ...op.i32Sub,
    ...op.localTee(P.count),
    ...op.brIf(0),
    ...op.end,
    ...op.end,
  ],
};

/** The module's bytes: imports `env.memory`, exports `scan_int8`. */
export function int8DotKernelBytes(): Uint8Array<ArrayBuffer> {
  return encodeModule([scanInt8]);
}

export interface Int8DotKernel {
  memory: WebAssembly.Memory;
  /** See the module comment for the contract. */
  scanInt8(query: number, data: number, scales: number, out: number, count: number, stride: number, qScale: number): void;
}

let compiled: WebAssembly.Module | null | undefined;

/**
 * The compiled module, or null where WebAssembly or its SIMD proposal is missing, or where a
 * content security policy forbids compiling (an extension page without 'wasm-unsafe-eval').
 * Compiled once, synchronously: the module is a few hundred bytes, well under every engine's
 * limit for synchronous compilation.
 */
export function int8DotKernelModule(): WebAssembly.Module | null {
  if (compiled !== undefined) return compiled;
  compiled = null;
  try {
    if (typeof WebAssembly === 'undefined') return null;
    const bytes = int8DotKernelBytes();
    if (!WebAssembly.validate(bytes)) return null;
    compiled = new WebAssembly.Module(bytes);
  } catch {
    compiled = null; // CSP (EvalError/CompileError) or an engine without SIMD: the JS scan takes over.
  }
  return compiled;
}

/** A kernel instance over its own growable memory, or null when WASM SIMD is unavailable. */
export function instantiateInt8DotKernel(initialPages: number): Int8DotKernel | null {
  const module = int8DotKernelModule();
  if (!module) return null;
  try {
    const memory = new WebAssembly.Memory({ initial: Math.max(1, initialPages) });
    const instance = new WebAssembly.Instance(module, { env: { memory } });
    const scan = instance.exports.scan_int8 as Int8DotKernel['scanInt8'];
    return { memory, scanInt8: scan };
  } catch {
    return null;
  }
}
