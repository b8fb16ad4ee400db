import { describe, expect, it } from 'vitest';
import { encodeModule, op, sleb128, uleb128, ValType } from './wasm-encoder';

describe('wasm-encoder', () => {
  it('writes LEB128 numbers as the spec examples', () => {
    expect(uleb128(0)).toEqual([0x00]);
    expect(uleb128(127)).toEqual([0x7f]);
    expect(uleb128(128)).toEqual([0x80, 0x01]);
    expect(uleb128(624485)).toEqual([0xe5, 0x8e, 0x26]);
    expect(sleb128(-1)).toEqual([0x7f]);
    expect(sleb128(63)).toEqual([0x3f]);
    expect(sleb128(64)).toEqual([0xc0, 0x00]);
    expect(sleb128(-123456)).toEqual([0xc0, 0xbb, 0x78]);
    expect(() => uleb128(-1)).toThrow('non-negative');
  });

  it('encodes a module the engine accepts and runs (i32 add of two params)', () => {
    const bytes = encodeModule([
      { name: 'add', params: [ValType.i32, ValType.i32], results: [ValType.i32], locals: [], body: [...op.localGet(0), ...op.localGet(1), ...op.i32Add] },
    ]);
    expect(WebAssembly.validate(bytes)).toBe(true);
    const memory = new WebAssembly.Memory({ initial: 1 });
    const instance = new WebAssembly.Instance(new WebAssembly.Module(bytes), { env: { memory } });
    expect((instance.exports.add as (a: number, b: number) => number)(40, 2)).toBe(42);
  });

  it('produces bytes the engine rejects when the body is wrong (validation is real)', () => {
    const bytes = encodeModule([{ name: 'bad', params: [], results: [ValType.i32], locals: [], body: [] }]);
    expect(WebAssembly.validate(bytes)).toBe(false);
  });
});
