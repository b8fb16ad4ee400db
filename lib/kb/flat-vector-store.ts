import { TopK } from './top-k';
import { dotF32, dotInt8, quantiseInt8 } from './vector-math';
import { WasmInt8Rows } from './wasm/wasm-int8-rows';

/**
 * Exact nearest-neighbour search by a linear scan over flat typed arrays. Measured on this
 * project's hardware (docs/research), the scan beat voy's k-d tree and HNSW cannot run under
 * MV3's CSP; the arrays *are* the persisted form. Vectors are expected unit-length, so the dot
 * product is the cosine similarity.
 *
 * Where WebAssembly SIMD runs (Chromium, Firefox, Node; an extension needs 'wasm-unsafe-eval'
 * in its CSP), both precisions scan int8 codes with the SIMD kernel (wasm/int8-dot-kernel.ts):
 * a quarter of the memory traffic of f32, which is what bounds a 100k × 384 scan.
 * - `f32` stays exact: the int8 scores only pick candidates, which are rescored with the f32
 *   vectors, and a per-vector bound on the quantisation error proves that no vector outside the
 *   rescored set can enter the top k (see `searchF32Simd`). Same hits and scores as the JS scan.
 * - `int8` keeps only the codes (a quarter of the bytes) and ranks by the int8 score, the same
 *   numbers the JS int8 scan computes.
 * Without WASM SIMD (or with `simd: false`) the JS scans run: 4-way unrolled f32 or int8 loops.
 */
export type VectorPrecision = 'f32' | 'int8';

export interface FlatVectorStoreOptions {
  /** Use the WebAssembly SIMD kernel when the engine allows it (default true). */
  simd?: boolean;
}

/** Absolute slack on the quantisation bound, far above double rounding of a 384-term sum. */
const BOUND_SLACK = 1e-6;

export class FlatVectorStore {
  private capacity: number;
  private f32: Float32Array;
  private i8: Int8Array;
  private scales: Float32Array;
  /** 1 where a slot holds a vector; removed and never-filled slots are skipped by search. */
  private live: Uint8Array;
  private highWater = 0;
  private liveCount = 0;
  /** The SIMD int8 rows, or null for the JS scan. */
  private readonly rows: WasmInt8Rows | null;
  /** f32 + SIMD only: ‖v‖ and ‖v − dequantised(v)‖ per slot, for the exactness bound. */
  private norms: Float32Array;
  private residuals: Float32Array;
  private maxNorm = 0;
  private maxResidual = 0;

  constructor(
    readonly dim: number,
    readonly precision: VectorPrecision = 'f32',
    initialCapacity = 1024,
    options: FlatVectorStoreOptions = {},
  ) {
    if (!Number.isInteger(dim) || dim <= 0) throw new Error(`Vector dimension must be a positive integer, got ${dim}`);
    this.capacity = Math.max(1, initialCapacity);
    this.rows = options.simd === false ? null : WasmInt8Rows.create(dim, this.capacity);
    const jsInt8 = precision === 'int8' && !this.rows;
    const bounds = precision === 'f32' && this.rows;
    this.f32 = new Float32Array(precision === 'f32' ? this.capacity * dim : 0);
    this.i8 = new Int8Array(jsInt8 ? this.capacity * dim : 0);
    this.scales = new Float32Array(jsInt8 ? this.capacity : 0);
    this.norms = new Float32Array(bounds ? this.capacity : 0);
    this.residuals = new Float32Array(bounds ? this.capacity : 0);
    this.live = new Uint8Array(this.capacity);
  }

  get size(): number {
    return this.liveCount;
  }

  /** Whether searches run the WebAssembly SIMD kernel (false: the JS scan). */
  get usesSimd(): boolean {
    return this.rows !== null;
  }

  /** Bytes held by the vector arrays (what a chunk costs in memory, excluding text). */
  get byteLength(): number {
    return (
      this.f32.byteLength +
      this.i8.byteLength +
      this.scales.byteLength +
      this.norms.byteLength +
      this.residuals.byteLength +
      this.live.byteLength +
      (this.rows?.byteLength ?? 0)
    );
  }

  set(slot: number, vector: Float32Array): void {
    if (vector.length !== this.dim) throw new Error(`Vector has ${vector.length} dimensions, the index expects ${this.dim}`);
    this.ensureCapacity(slot + 1);
    if (this.precision === 'f32') this.f32.set(vector, slot * this.dim);
    if (this.rows) {
      const scale = this.rows.set(slot, vector);
      if (this.precision === 'f32') this.recordBound(slot, vector, this.rows.codes(slot), scale);
    } else if (this.precision === 'int8') this.scales[slot] = quantiseInt8(vector, this.i8, slot * this.dim);
    if (!this.live[slot]) this.liveCount++;
    this.live[slot] = 1;
    this.highWater = Math.max(this.highWater, slot + 1);
  }

  remove(slot: number): void {
    if (slot < this.highWater && this.live[slot]) {
      this.live[slot] = 0;
      this.liveCount--;
    }
  }

  has(slot: number): boolean {
    return slot < this.highWater && this.live[slot] === 1;
  }

  /** Copy of a stored vector (dequantised for int8). */
  get(slot: number): Float32Array {
    if (!this.has(slot)) throw new Error(`No vector in slot ${slot}`);
    const out = new Float32Array(this.dim);
    const base = slot * this.dim;
    if (this.precision === 'f32') out.set(this.f32.subarray(base, base + this.dim));
    else if (this.rows) {
      const codes = this.rows.codes(slot);
      const scale = this.rows.scale(slot);
      for (let i = 0; i < this.dim; i++) out[i] = codes[i]! * scale;
    } else for (let i = 0; i < this.dim; i++) out[i] = this.i8[base + i]! * this.scales[slot]!;
    return out;
  }

  /** The k most similar live slots, best first. `accept` filters slots before scoring. */
  search(query: Float32Array, k: number, accept?: (slot: number) => boolean): { slot: number; score: number }[] {
    if (query.length !== this.dim) throw new Error(`Query has ${query.length} dimensions, the index expects ${this.dim}`);
    if (this.rows) return this.precision === 'f32' ? this.searchF32Simd(this.rows, query, k, accept) : this.searchInt8Simd(this.rows, query, k, accept);
    const top = new TopK(k);
    const dim = this.dim;
    const live = this.live;
    if (this.precision === 'f32') {
      const data = this.f32;
      for (let slot = 0, offset = 0; slot < this.highWater; slot++, offset += dim) {
        if (!live[slot] || (accept && !accept(slot))) continue;
        top.push(slot, dotF32(query, data, offset, dim));
      }
    } else {
      const q = new Int8Array(dim);
      const qScale = quantiseInt8(query, q);
      const data = this.i8;
      const scales = this.scales;
      for (let slot = 0, offset = 0; slot < this.highWater; slot++, offset += dim) {
        if (!live[slot] || (accept && !accept(slot))) continue;
        top.push(slot, dotInt8(q, data, offset, dim) * qScale * scales[slot]!);
      }
    }
    return top.sorted();
  }

  /** int8 ranking: the kernel's scores, the same numbers the JS int8 loop computes. */
  private searchInt8Simd(rows: WasmInt8Rows, query: Float32Array, k: number, accept?: (slot: number) => boolean) {
    const { scale } = rows.setQuery(query);
    const scores = rows.scoreAll(scale, this.highWater);
    const top = new TopK(k);
    const live = this.live;
    for (let slot = 0; slot < scores.length; slot++) {
      const score = scores[slot]!;
      // Cheapest test first: most slots fall below the heap's threshold and are never filtered.
      if (score <= top.threshold || !live[slot] || (accept && !accept(slot))) continue;
      top.push(slot, score);
    }
    return top.sorted();
  }

  /**
   * Exact f32 ranking from an int8 scan. With q̃, ṽ the dequantised vectors,
   * |q·v − q̃·ṽ| ≤ ‖q − q̃‖·‖v‖ + ‖q̃‖·‖v − ṽ‖ =: bound(v) (Cauchy–Schwarz, triangle inequality).
   * Pass 1 takes the int8 top k and rescores it in f32: the lowest of those k exact scores,
   * `floor`, is a lower bound of the true k-th score. Pass 2 rescores in f32, in slot order,
   * every slot whose int8 score + bound reaches `floor` — a superset of the true top k — so the
   * result is the JS f32 scan's, ties included. Typically a few hundred slots of 100k.
   */
  private searchF32Simd(rows: WasmInt8Rows, query: Float32Array, k: number, accept?: (slot: number) => boolean) {
    const dim = this.dim;
    const { scale, codes } = rows.setQuery(query);
    let queryError = 0;
    let quantisedNorm = 0;
    for (let i = 0; i < dim; i++) {
      const dequantised = codes[i]! * scale;
      queryError += (query[i]! - dequantised) ** 2;
      quantisedNorm += dequantised * dequantised;
    }
    queryError = Math.sqrt(queryError);
    quantisedNorm = Math.sqrt(quantisedNorm);
    const scores = rows.scoreAll(scale, this.highWater);
    const live = this.live;
    const data = this.f32;

    const approx = new TopK(k);
    for (let slot = 0; slot < scores.length; slot++) {
      const score = scores[slot]!;
      if (score <= approx.threshold || !live[slot] || (accept && !accept(slot))) continue;
      approx.push(slot, score);
    }
    const firstPass = approx.sorted();
    let floor = firstPass.length < k ? -Infinity : Infinity;
    for (const { slot } of firstPass) floor = Math.min(floor, dotF32(query, data, slot * dim, dim));

    const norms = this.norms;
    const residuals = this.residuals;
    const widest = queryError * this.maxNorm + quantisedNorm * this.maxResidual + BOUND_SLACK;
    const top = new TopK(k);
    for (let slot = 0; slot < scores.length; slot++) {
      const score = scores[slot]!;
      if (score + widest < floor || !live[slot]) continue;
      if (score + queryError * norms[slot]! + quantisedNorm * residuals[slot]! + BOUND_SLACK < floor) continue;
      if (accept && !accept(slot)) continue;
      top.push(slot, dotF32(query, data, slot * dim, dim));
    }
    return top.sorted();
  }

  private recordBound(slot: number, vector: Float32Array, codes: Int8Array, scale: number): void {
    let norm = 0;
    let residual = 0;
    for (let i = 0; i < this.dim; i++) {
      norm += vector[i]! * vector[i]!;
      residual += (vector[i]! - codes[i]! * scale) ** 2;
    }
    // Rounded up so the f32 copies never understate the bound.
    this.norms[slot] = Math.sqrt(norm) * (1 + 1e-6);
    this.residuals[slot] = Math.sqrt(residual) * (1 + 1e-6);
    this.maxNorm = Math.max(this.maxNorm, this.norms[slot]!);
    this.maxResidual = Math.max(this.maxResidual, this.residuals[slot]!);
  }

  private ensureCapacity(needed: number): void {
    if (needed <= this.capacity) return;
    let next = this.capacity;
    while (next < needed) next *= 2;
    if (this.precision === 'f32') this.f32 = grow(this.f32, next * this.dim, Float32Array);
    if (this.i8.length > 0) {
      this.i8 = grow(this.i8, next * this.dim, Int8Array);
      this.scales = grow(this.scales, next, Float32Array);
    }
    if (this.norms.length > 0) {
      this.norms = grow(this.norms, next, Float32Array);
      this.residuals = grow(this.residuals, next, Float32Array);
    }
    this.rows?.ensureCapacity(next);
    this.live = grow(this.live, next, Uint8Array);
    this.capacity = next;
  }
}

function grow<T extends Float32Array | Int8Array | Uint8Array>(array: T, length: number, Ctor: new (n: number) => T): T {
  const next = new Ctor(length);
  next.set(array);
  return next;
}
