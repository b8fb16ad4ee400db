/**
 * Just enough of the WebAssembly binary format to write one small module by hand: LEB128
 * numbers, sections, one function type per function, an imported memory and exported
 * functions. Writing the bytes from TypeScript keeps the build free of native assemblers and
 * of opaque committed binaries: the kernel's source is the instruction list in
 * `int8-dot-kernel.ts`, reviewed like any other code.
 */

export const ValType = { i32: 0x7f, i64: 0x7e, f32: 0x7d, f64: 0x7c, v128: 0x7b } as const;
export type ValType = (typeof ValType)[keyof typeof ValType];

/** Unsigned LEB128 (section sizes, indices, counts, memarg offsets). */
export function uleb128(value: number): number[] {
  if (!Number.isInteger(value) || value < 0) throw new Error(`uleb128 needs a non-negative integer, got ${value}`);
  const out: number[] = [];
  do {
    let byte = value & 0x7f;
    value = Math.floor(value / 128);
    if (value !== 0) byte |= 0x80;
    out.push(byte);
  } while (value !== 0);
  return out;
}

/** Signed LEB128 (i32.const immediates). */
export function sleb128(value: number): number[] {
  if (!Number.isInteger(value)) throw new Error(`sleb128 needs an integer, got ${value}`);
  const out: number[] = [];
  for (;;) {
    const byte = value & 0x7f;
    value >>= 7;
    const done = (value === 0 && (byte & 0x40) === 0) || (value === -1 && (byte & 0x40) !== 0);
    out.push(done ? byte : byte | 0x80);
    if (done) return out;
  }
}

function utf8Name(name: string): number[] {
  const bytes = [...new TextEncoder().encode(name)];
  return [...uleb128(bytes.length), ...bytes];
}

function vector(items: number[][]): number[] {
  return [...uleb128(items.length), ...items.flat()];
}

function section(id: number, body: number[]): number[] {
  return [id, ...uleb128(body.length), ...body];
}

export interface WasmFunction {
  name: string;
  params: ValType[];
  results: ValType[];
  /** Extra locals after the parameters, in order. */
  locals: ValType[];
  /** The instruction bytes, without the final `end` (added here). */
  body: number[];
}

/**
 * A module importing `env.memory` (at least `minPages` of 64 KiB) and exporting `functions`
 * under their names. The memory is imported so the caller owns it: it can grow it and keep
 * typed-array views without asking the module.
 */
export function encodeModule(functions: WasmFunction[], minPages = 1): Uint8Array<ArrayBuffer> {
  const types = section(
    1,
    vector(functions.map((f) => [0x60, ...uleb128(f.params.length), ...f.params, ...uleb128(f.results.length), ...f.results])),
  );
  const imports = section(2, vector([[...utf8Name('env'), ...utf8Name('memory'), 0x02, 0x00, ...uleb128(minPages)]]));
  const declarations = section(3, vector(functions.map((_, i) => uleb128(i))));
  const exports = section(7, vector(functions.map((f, i) => [...utf8Name(f.name), 0x00, ...uleb128(i)])));
  const code = section(
    10,
    vector(
      functions.map((f) => {
        // Locals are declared as runs of (count, type); one run per local keeps this simple.
        const body = [...vector(f.locals.map((t) => [1, t])), ...f.body, 0x0b];
        return [...uleb128(body.length), ...body];
      }),
    ),
  );
  return new Uint8Array([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, ...types, ...imports, ...declarations, ...exports, ...code]);
}

/** Opcodes used by the kernels (core and the 0xFD-prefixed SIMD set). */
export const op = {
  block: [0x02, 0x40],
  loop: [0x03, 0x40],
  end: [0x0b],
  brIf: (depth: number) => [0x0d, ...uleb128(depth)],
  localGet: (i: number) => [0x20, ...uleb128(i)],
  localSet: (i: number) => [0x21, ...uleb128(i)],
  localTee: (i: number) => [0x22, ...uleb128(i)],
  i32Const: (v: number) => [0x41, ...sleb128(v)],
  i32Eqz: [0x45],
  i32LtU: [0x49],
  i32Add: [0x6a],
  i32Sub: [0x6b],
  /** memarg: alignment as log2 bytes, then offset. */
  f32Load: (align = 2, offset = 0) => [0x2a, ...uleb128(align), ...uleb128(offset)],
  f64Store: (align = 3, offset = 0) => [0x39, ...uleb128(align), ...uleb128(offset)],
  f64Mul: [0xa2],
  f64ConvertI32S: [0xb7],
  f64PromoteF32: [0xbb],
  v128Load: (align = 4, offset = 0) => [0xfd, ...uleb128(0x00), ...uleb128(align), ...uleb128(offset)],
  v128Zero: [0xfd, ...uleb128(0x0c), ...new Array<number>(16).fill(0)],
  i32x4ExtractLane: (lane: number) => [0xfd, ...uleb128(0x1b), lane],
  i16x8Add: [0xfd, ...uleb128(0x8e)],
  i16x8ExtmulLowI8x16S: [0xfd, ...uleb128(0x9c)],
  i16x8ExtmulHighI8x16S: [0xfd, ...uleb128(0x9d)],
  i32x4ExtaddPairwiseI16x8S: [0xfd, ...uleb128(0x7e)],
  i32x4Add: [0xfd, ...uleb128(0xae)],
} as const;
