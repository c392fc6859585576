// Faster Slice, SplitV and Unpack kernels for tfjs-backend-wasm 4.22. The shipped kernels read the
// input through backend.readSync(), which copies the whole input out of the wasm heap on every call,
// so an N-way split costs N × the input. For contiguous slices (a run of rows: every split along
// axis 0, position-table slices) these kernels copy just the slice inside the heap; other slices go
// to the original kernels. Installed once, when the wasm backend is loaded.
import * as tf from '@tensorflow/tfjs-core';

/** The parts of tfjs-backend-wasm's BackendWasm these kernels use (stable within 4.22). */
interface WasmBackendInternals {
  wasm: { HEAPU8: Uint8Array };
  dataIdMap: { get(dataId: object): { memoryOffset: number } };
  makeOutput(shape: number[], dtype: tf.DataType): tf.TensorInfo;
}

type KernelArgs = Parameters<tf.KernelFunc>[0];

/** Copies x[begin : begin+size] when that is one contiguous run of memory; else null. */
function contiguousSlice(x: tf.TensorInfo, begin: number[], size: number[], backend: WasmBackendInternals): tf.TensorInfo | null {
  if (x.dtype === 'string' || !tf.slice_util.isSliceContinous(x.shape, begin, size)) return null;
  const count = tf.util.sizeFromShape(size);
  const out = backend.makeOutput(size, x.dtype);
  if (count === 0) return out;
  const bytes = tf.util.bytesPerElement(x.dtype);
  const from = backend.dataIdMap.get(x.dataId).memoryOffset + tf.slice_util.computeFlatOffset(begin, tf.util.computeStrides(x.shape)) * bytes;
  const to = backend.dataIdMap.get(out.dataId).memoryOffset;
  backend.wasm.HEAPU8.copyWithin(to, from, from + count * bytes); // the heap may have grown: read it after makeOutput
  return out;
}

function replace(kernelName: string, make: (original: tf.KernelFunc) => tf.KernelFunc): void {
  const original = tf.getKernel(kernelName, 'wasm');
  if (original === undefined) return;
  tf.unregisterKernel(kernelName, 'wasm');
  tf.registerKernel({ ...original, kernelFunc: make(original.kernelFunc) });
}

let installed = false;

export function installWasmKernelFixes(): void {
  if (installed) return;
  installed = true;

  replace('Slice', (original) => (args: KernelArgs) => {
    const x = args.inputs.x as tf.TensorInfo;
    const attrs = args.attrs as unknown as { begin: number | number[]; size: number | number[] };
    const [begin, size] = tf.slice_util.parseSliceParams(x as tf.Tensor, attrs.begin, attrs.size) as [number[], number[]];
    return contiguousSlice(x, begin, size, args.backend as unknown as WasmBackendInternals) ?? original(args);
  });

  replace('SplitV', (original) => (args: KernelArgs) => {
    const x = args.inputs.x as tf.TensorInfo;
    const attrs = args.attrs as unknown as { numOrSizeSplits: number | number[]; axis: number | number[] };
    const axis = tf.util.parseAxisParam(attrs.axis, x.shape)[0]!;
    if (x.shape.slice(0, axis).some((d) => d !== 1)) return original(args); // not a run of rows
    const sizes = tf.backend_util.prepareSplitSize(x as tf.Tensor, attrs.numOrSizeSplits, axis);
    const begin = new Array<number>(x.shape.length).fill(0);
    return sizes.map((s) => {
      const size = [...x.shape];
      size[axis] = s;
      const out = contiguousSlice(x, [...begin], size, args.backend as unknown as WasmBackendInternals)!;
      begin[axis]! += s;
      return out;
    });
  });

  replace('Unpack', (original) => (args: KernelArgs) => {
    const x = args.inputs.value as tf.TensorInfo;
    let axis = (args.attrs as unknown as { axis: number }).axis;
    if (axis < 0) axis += x.shape.length;
    if (x.shape.slice(0, axis).some((d) => d !== 1)) return original(args);
    const outShape = x.shape.filter((_, i) => i !== axis);
    const size = [...x.shape];
    size[axis] = 1;
    return Array.from({ length: x.shape[axis]! }, (_, i) => {
      const begin = new Array<number>(x.shape.length).fill(0);
      begin[axis] = i;
      const out = contiguousSlice(x, begin, size, args.backend as unknown as WasmBackendInternals)!;
      return { ...out, shape: outShape };
    });
  });
}
