// Safetensors dtypes: byte sizes and the float conversions the engine needs.
// The engine computes in float32; F16 and BF16 are widened on read and (optionally) narrowed on write,
// which is lossless in both directions for values that came from an F16/BF16 file.

export const DTYPE_BYTES = {
  F64: 8,
  F32: 4,
  F16: 2,
  BF16: 2,
  I64: 8,
  I32: 4,
  I16: 2,
  I8: 1,
  U8: 1,
  BOOL: 1,
} as const;

export type Dtype = keyof typeof DTYPE_BYTES;
/** Dtypes that can be read as weights (converted to float32). */
export type FloatDtype = 'F64' | 'F32' | 'F16' | 'BF16';
/** Dtypes the writer can produce from float32 data. */
export type WritableDtype = 'F32' | 'F16' | 'BF16';

export function isDtype(value: unknown): value is Dtype {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(DTYPE_BYTES, value);
}

export function isFloatDtype(dtype: Dtype): dtype is FloatDtype {
  return dtype === 'F64' || dtype === 'F32' || dtype === 'F16' || dtype === 'BF16';
}

/** The dtype a tensor is written in: F16/BF16 stay 16-bit (lossless for data read from them), the rest F32. */
export function storedDtype(dtype: Dtype | undefined): WritableDtype {
  return dtype === 'F16' || dtype === 'BF16' ? dtype : 'F32';
}

if (new Uint8Array(new Uint16Array([1]).buffer)[0] !== 1) {
  // Safetensors data is little-endian and we view it in place; a big-endian host would need byte swaps.
  throw new Error('Safetensors I/O requires a little-endian host');
}

let halfTable: Float32Array | null = null;

/** All 65,536 half-precision values as float32, built once (256 KiB). */
function halfToFloatTable(): Float32Array {
  if (halfTable) return halfTable;
  const table = new Float32Array(65536);
  for (let h = 0; h < 65536; h++) {
    const sign = h & 0x8000 ? -1 : 1;
    const exponent = (h >> 10) & 0x1f;
    const mantissa = h & 0x3ff;
    if (exponent === 0) table[h] = sign * mantissa * 2 ** -24;
    else if (exponent === 31) table[h] = mantissa === 0 ? sign * Infinity : NaN;
    else table[h] = sign * (1 + mantissa / 1024) * 2 ** (exponent - 15);
  }
  halfTable = table;
  return table;
}

/** Little-endian raw bytes of `count` elements of `dtype` → float32 values. `bytes` must start 8-byte aligned. */
export function toFloat32(dtype: FloatDtype, bytes: Uint8Array, count: number): Float32Array {
  switch (dtype) {
    case 'F32':
      return new Float32Array(bytes.buffer, bytes.byteOffset, count);
    case 'F64': {
      const source = new Float64Array(bytes.buffer, bytes.byteOffset, count);
      return Float32Array.from(source);
    }
    case 'F16': {
      const table = halfToFloatTable();
      const source = new Uint16Array(bytes.buffer, bytes.byteOffset, count);
      const out = new Float32Array(count);
      for (let i = 0; i < count; i++) out[i] = table[source[i]!]!;
      return out;
    }
    case 'BF16': {
      const source = new Uint16Array(bytes.buffer, bytes.byteOffset, count);
      const out = new Float32Array(count);
      const bits = new Uint32Array(out.buffer);
      for (let i = 0; i < count; i++) bits[i] = source[i]! << 16;
      return out;
    }
  }
}

const scratch = new Float32Array(1);
const scratchBits = new Uint32Array(scratch.buffer);

/** float32 → IEEE half, round to nearest even (overflow → ±Infinity, NaN kept). */
export function floatToHalf(value: number): number {
  scratch[0] = value;
  const x = scratchBits[0]!;
  const sign = (x >>> 16) & 0x8000;
  const exponent = (x >>> 23) & 0xff;
  let mantissa = x & 0x7fffff;
  if (exponent === 0xff) return sign | 0x7c00 | (mantissa ? 0x200 : 0);
  const e = exponent - 127 + 15;
  if (e >= 31) return sign | 0x7c00;
  if (e <= 0) {
    if (e < -10) return sign; // too small even for a subnormal
    mantissa |= 0x800000;
    const shift = 14 - e;
    const halfway = 1 << (shift - 1);
    const rest = mantissa & ((1 << shift) - 1);
    let result = mantissa >>> shift;
    if (rest > halfway || (rest === halfway && result & 1)) result++;
    return sign | result;
  }
  let result = (e << 10) | (mantissa >>> 13);
  const rest = mantissa & 0x1fff;
  if (rest > 0x1000 || (rest === 0x1000 && result & 1)) result++; // may carry into the exponent: still correct
  return sign | result;
}

/** float32 values → little-endian bytes of `dtype`. For F32 the result is a view, not a copy. */
export function fromFloat32(dtype: WritableDtype, data: Float32Array): Uint8Array {
  if (dtype === 'F32') return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  const out = new Uint16Array(data.length);
  if (dtype === 'F16') {
    for (let i = 0; i < data.length; i++) out[i] = floatToHalf(data[i]!);
  } else {
    const bits = new Uint32Array(data.buffer, data.byteOffset, data.length);
    for (let i = 0; i < data.length; i++) {
      const x = bits[i]!;
      if ((x & 0x7f800000) === 0x7f800000 && x & 0x7fffff) out[i] = (x >>> 16) | 0x40; // quiet NaN
      else out[i] = (x + 0x7fff + ((x >>> 16) & 1)) >>> 16;
    }
  }
  return new Uint8Array(out.buffer);
}
