import { TopK } from './top-k';
import { dotF32, dotInt8, quantiseInt8 } from './vector-math';

/**
 * Exact nearest-neighbour search by a linear scan over one flat typed array. Measured on this
 * project's hardware (docs/research), the scan beat voy's k-d tree and needs no WASM, no eval
 * and no serialisation step: the array *is* the persisted form. `f32` is exact; `int8` stores a
 * quarter of the bytes (one scale per vector) for a small ranking error.
 *
 * Vectors are expected unit-length, so the dot product is the cosine similarity.
 */
export type VectorPrecision = 'f32' | 'int8';

export class FlatVectorStore {
  private capacity: number;
  private f32: Float32Array;
  private i8: Int8Array;
  private scales: Float32Array;
  /** 1 where a slot holds a vector; removed and never-filled slots are skipped by search. */
  private live: Uint8Array;
  private highWater = 0;
  private liveCount = 0;

  constructor(
    readonly dim: number,
    readonly precision: VectorPrecision = 'f32',
    initialCapacity = 1024,
  ) {
    if (!Number.isInteger(dim) || dim <= 0) throw new Error(`Vector dimension must be a positive integer, got ${dim}`);
    this.capacity = Math.max(1, initialCapacity);
    this.f32 = new Float32Array(precision === 'f32' ? this.capacity * dim : 0);
    this.i8 = new Int8Array(precision === 'int8' ? this.capacity * dim : 0);
    this.scales = new Float32Array(precision === 'int8' ? this.capacity : 0);
    this.live = new Uint8Array(this.capacity);
  }

  get size(): number {
    return this.liveCount;
  }

  /** Bytes held by the vector arrays (what a chunk costs in memory, excluding text). */
  get byteLength(): number {
    return this.f32.byteLength + this.i8.byteLength + this.scales.byteLength + this.live.byteLength;
  }

  set(slot: number, vector: Float32Array): void {
    if (vector.length !== this.dim) throw new Error(`Vector has ${vector.length} dimensions, the index expects ${this.dim}`);
    this.ensureCapacity(slot + 1);
    if (this.precision === 'f32') this.f32.set(vector, slot * this.dim);
    else this.scales[slot] = quantiseInt8(vector, this.i8, slot * this.dim);
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
    else for (let i = 0; i < this.dim; i++) out[i] = this.i8[base + i]! * this.scales[slot]!;
    return out;
  }

  /** The k most similar live slots, best first. `accept` filters slots before scoring. */
  search(query: Float32Array, k: number, accept?: (slot: number) => boolean): { slot: number; score: number }[] {
    if (query.length !== this.dim) throw new Error(`Query has ${query.length} dimensions, the index expects ${this.dim}`);
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

  private ensureCapacity(needed: number): void {
    if (needed <= this.capacity) return;
    let next = this.capacity;
    while (next < needed) next *= 2;
    if (this.precision === 'f32') this.f32 = grow(this.f32, next * this.dim, Float32Array);
    else {
      this.i8 = grow(this.i8, next * this.dim, Int8Array);
      this.scales = grow(this.scales, next, Float32Array);
    }
    this.live = grow(this.live, next, Uint8Array);
    this.capacity = next;
  }
}

function grow<T extends Float32Array | Int8Array | Uint8Array>(array: T, length: number, Ctor: new (n: number) => T): T {
  const next = new Ctor(length);
  next.set(array);
  return next;
}
