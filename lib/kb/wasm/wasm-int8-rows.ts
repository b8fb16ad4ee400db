import { quantiseInt8 } from '../vector-math';
import { INT8_STRIDE_ALIGN, instantiateInt8DotKernel, type Int8DotKernel } from './int8-dot-kernel';

/**
 * int8-quantised vectors (one scale per row) kept inside a WebAssembly memory, scanned by the
 * SIMD kernel. Layout of the memory, all regions sized by `capacity`:
 *
 *   [query row | rows: capacity × stride bytes | scales: capacity × f32 | scores: capacity × f64]
 *
 * Rows never move when the capacity grows (only the small scales region is copied further
 * out), so growing costs one memory.grow, not a copy of every vector.
 */
const PAGE = 65536;

function alignUp(n: number, to: number): number {
  return Math.ceil(n / to) * to;
}

export class WasmInt8Rows {
  /** Bytes per row: dim rounded up to the kernel's block, zero-padded. */
  readonly stride: number;
  private capacity = 0;
  private readonly dataOffset: number;
  private scalesOffset = 0;
  private scoresOffset = 0;
  private bytes!: Int8Array;
  private scales!: Float32Array;

  private constructor(
    readonly dim: number,
    private readonly kernel: Int8DotKernel,
    initialCapacity: number,
  ) {
    this.stride = alignUp(dim, INT8_STRIDE_ALIGN);
    this.dataOffset = alignUp(this.stride, 64);
    this.ensureCapacity(initialCapacity);
  }

  /** Null where WebAssembly SIMD cannot run (old engine, or a CSP without 'wasm-unsafe-eval'). */
  static create(dim: number, initialCapacity: number): WasmInt8Rows | null {
    const kernel = instantiateInt8DotKernel(1);
    return kernel ? new WasmInt8Rows(dim, kernel, Math.max(1, initialCapacity)) : null;
  }

  /** Bytes of WebAssembly memory reserved for rows, scales and scores. */
  get byteLength(): number {
    return this.kernel.memory.buffer.byteLength;
  }

  ensureCapacity(needed: number): void {
    if (needed <= this.capacity) return;
    // The first reservation is exact (callers size it); later ones double, amortising growth.
    let next = this.capacity === 0 ? needed : this.capacity;
    while (next < needed) next *= 2;
    const scalesOffset = this.dataOffset + next * this.stride; // stride is a multiple of 32: aligned
    const scoresOffset = alignUp(scalesOffset + next * 4, 8);
    const totalBytes = scoresOffset + next * 8;
    const memory = this.kernel.memory;
    const missingPages = Math.ceil(totalBytes / PAGE) - memory.buffer.byteLength / PAGE;
    if (missingPages > 0) memory.grow(missingPages);
    const all = new Uint8Array(memory.buffer);
    if (this.capacity > 0) all.copyWithin(scalesOffset, this.scalesOffset, this.scalesOffset + this.capacity * 4);
    this.capacity = next;
    this.scalesOffset = scalesOffset;
    this.scoresOffset = scoresOffset;
    // Growing detaches the old buffer: every view is made anew.
    this.bytes = new Int8Array(memory.buffer);
    this.scales = new Float32Array(memory.buffer, scalesOffset, next);
  }

  /** Quantises `vector` into row `slot` (capacity must already cover it); returns the scale. */
  set(slot: number, vector: Float32Array): number {
    const offset = this.dataOffset + slot * this.stride;
    const scale = quantiseInt8(vector, this.bytes, offset);
    this.scales[slot] = scale;
    return this.scales[slot]!;
  }

  /** The int8 codes of a row (a view: valid until the next `ensureCapacity`). */
  codes(slot: number): Int8Array {
    const offset = this.dataOffset + slot * this.stride;
    return this.bytes.subarray(offset, offset + this.dim);
  }

  scale(slot: number): number {
    return this.scales[slot]!;
  }

  /**
   * Scores rows [0, count) against the query codes already written by `setQuery`: a view of
   * `count` doubles, valid until the next call that writes or grows.
   */
  scoreAll(queryScale: number, count: number): Float64Array {
    if (count > this.capacity) throw new Error(`Cannot score ${count} rows, capacity is ${this.capacity}`);
    this.kernel.scanInt8(0, this.dataOffset, this.scalesOffset, this.scoresOffset, count, this.stride, queryScale);
    return new Float64Array(this.kernel.memory.buffer, this.scoresOffset, count);
  }

  /** Quantises the query into the query row; returns its scale and its codes (a view). */
  setQuery(query: Float32Array): { scale: number; codes: Int8Array } {
    this.bytes.fill(0, 0, this.stride);
    const scale = quantiseInt8(query, this.bytes, 0);
    return { scale, codes: this.bytes.subarray(0, this.dim) };
  }
}
