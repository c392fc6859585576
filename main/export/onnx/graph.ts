// A small ONNX graph builder: named values, nodes with attributes, float32/int64 initializers
// (weights as raw little-endian bytes, constants cached by value) and the graph's typed inputs and
// outputs with symbolic ("batch", "sequence") or fixed dimensions.
import { StudioError } from '../../common/errors';
import { AttributeType, DataType, type AttributeProto, type Dimension, type GraphProto, type NodeProto, type TensorProto, type ValueInfoProto } from './schema';

export type AttrValue = number | number[] | string | { float: number } | { floats: number[] } | { int: number };

function attribute(name: string, value: AttrValue): AttributeProto {
  if (typeof value === 'string') return { name, type: AttributeType.STRING, s: new TextEncoder().encode(value) };
  if (typeof value === 'number') {
    if (!Number.isInteger(value)) throw new StudioError('internal', `ONNX attribute ${name}: ${value} is not an integer (use { float })`);
    return { name, type: AttributeType.INT, i: value };
  }
  if (Array.isArray(value)) return { name, type: AttributeType.INTS, ints: value };
  if ('float' in value) return { name, type: AttributeType.FLOAT, f: value.float };
  if ('floats' in value) return { name, type: AttributeType.FLOATS, floats: value.floats };
  return { name, type: AttributeType.INT, i: value.int };
}

const bytesOf = (a: Float32Array | BigInt64Array): Uint8Array => new Uint8Array(a.buffer, a.byteOffset, a.byteLength);

export class GraphBuilder {
  readonly nodes: NodeProto[] = [];
  readonly initializers: TensorProto[] = [];
  readonly inputs: ValueInfoProto[] = [];
  readonly outputs: ValueInfoProto[] = [];
  private readonly names = new Set<string>();
  private readonly constants = new Map<string, string>();
  private counter = 0;

  /** Keeps `name` for a graph input or output declared later. */
  reserve(name: string): void {
    if (this.names.has(name)) throw new StudioError('internal', `ONNX value name ${name} is already taken`);
    this.names.add(name);
  }

  /** A fresh value name based on `hint`. */
  fresh(hint: string): string {
    let name = hint;
    while (this.names.has(name)) name = `${hint}_${++this.counter}`;
    this.names.add(name);
    return name;
  }

  /** Adds one node; returns its (single) output name. */
  op(opType: string, inputs: readonly string[], attrs: Record<string, AttrValue> = {}, hint = opType.toLowerCase()): string {
    return this.opN(opType, inputs, 1, attrs, hint)[0]!;
  }

  /** Adds one node with `outputs` outputs. */
  opN(opType: string, inputs: readonly string[], outputs: number, attrs: Record<string, AttrValue> = {}, hint = opType.toLowerCase()): string[] {
    const outs = Array.from({ length: outputs }, () => this.fresh(hint));
    this.nodes.push({
      input: [...inputs],
      output: outs,
      name: `${opType}_${this.nodes.length}`,
      op_type: opType,
      attribute: Object.entries(attrs).map(([k, v]) => attribute(k, v)),
    });
    return outs;
  }

  /** A float32 initializer (a weight): its data is referenced, not copied. */
  weight(name: string, dims: readonly number[], data: Float32Array): string {
    const size = dims.reduce((a, b) => a * b, 1);
    if (size !== data.length) throw new StudioError('internal', `ONNX initializer ${name}: [${dims}] needs ${size} values, got ${data.length}`);
    const unique = this.fresh(name);
    this.initializers.push({ name: unique, dims: [...dims], data_type: DataType.FLOAT, raw_data: bytesOf(data) });
    return unique;
  }

  /** A float32 constant (scalar when `dims` is empty), shared between uses. */
  float(values: number | readonly number[], dims: readonly number[] = []): string {
    const list = typeof values === 'number' ? [values] : [...values];
    const key = `f:${dims.join('x')}:${list.join(',')}`;
    const known = this.constants.get(key);
    if (known) return known;
    const name = this.fresh(`const_f_${this.constants.size}`);
    this.initializers.push({ name, dims: [...dims], data_type: DataType.FLOAT, raw_data: bytesOf(Float32Array.from(list)) });
    this.constants.set(key, name);
    return name;
  }

  /** An int64 constant (scalar when `dims` is empty; a 1-D list by default for arrays). */
  int64(values: number | readonly number[], dims?: readonly number[]): string {
    const list = typeof values === 'number' ? [values] : [...values];
    const shape = dims ?? (typeof values === 'number' ? [] : [list.length]);
    const key = `i:${shape.join('x')}:${list.join(',')}`;
    const known = this.constants.get(key);
    if (known) return known;
    const name = this.fresh(`const_i_${this.constants.size}`);
    this.initializers.push({ name, dims: [...shape], data_type: DataType.INT64, raw_data: bytesOf(BigInt64Array.from(list.map((v) => BigInt(v)))) });
    this.constants.set(key, name);
    return name;
  }

  input(name: string, elemType: number, dims: ReadonlyArray<string | number>): string {
    this.names.add(name);
    this.inputs.push(valueInfo(name, elemType, dims));
    return name;
  }

  /** Names `value` as a graph output (through an Identity node). */
  output(name: string, value: string, elemType: number, dims: ReadonlyArray<string | number>): void {
    this.names.add(name); // reserve() it before building when a node might take the name
    this.nodes.push({ input: [value], output: [name], name: `Identity_${this.nodes.length}`, op_type: 'Identity', attribute: [] });
    this.outputs.push(valueInfo(name, elemType, dims));
  }

  build(name: string, doc?: string): GraphProto {
    return { name, node: this.nodes, initializer: this.initializers, input: this.inputs, output: this.outputs, ...(doc ? { doc_string: doc } : {}) };
  }
}

export function valueInfo(name: string, elemType: number, dims: ReadonlyArray<string | number>): ValueInfoProto {
  const dim: Dimension[] = dims.map((d) => (typeof d === 'string' ? { dim_param: d } : { dim_value: d }));
  return { name, type: { tensor_type: { elem_type: elemType, shape: { dim } } } };
}
