// The embedded ONNX schema against the official onnx.proto (from an installed onnx package, e.g.
// Debian's python3-onnx): every message and field we declare has the official number and type.
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import protobuf from 'protobufjs';
import { describe, expect, it } from 'vitest';
import { decodeModel, encodeModel, ONNX_PROTO } from './schema';

function officialProto(): string | null {
  for (const python of ['python3', '/usr/bin/python3']) {
    const r = spawnSync(python, ['-c', 'import onnx, os; print(os.path.dirname(onnx.__file__))'], { encoding: 'utf8' });
    const file = r.status === 0 ? join(r.stdout.trim(), 'onnx.proto') : '';
    if (file && existsSync(file)) return file;
  }
  return null;
}
const official = officialProto();

function messages(ns: protobuf.NamespaceBase, prefix = ''): Map<string, protobuf.Type> {
  const out = new Map<string, protobuf.Type>();
  for (const nested of ns.nestedArray) {
    const name = `${prefix}${nested.name}`;
    if (nested instanceof protobuf.Type) out.set(name, nested);
    if (nested instanceof protobuf.Namespace || nested instanceof protobuf.Type) for (const [k, v] of messages(nested, `${name}.`)) out.set(k, v);
  }
  return out;
}

describe('ONNX schema', () => {
  it.skipIf(official === null)("declares every field with onnx.proto's number and type (needs python3-onnx)", async () => {
    const theirs = messages(protobuf.parse(await readFile(official!, 'utf8'), { keepCase: true }).root.lookup('onnx') as protobuf.Namespace);
    const ours = messages(protobuf.parse(ONNX_PROTO, { keepCase: true }).root.lookup('onnx') as protobuf.Namespace);
    expect(ours.size).toBeGreaterThanOrEqual(10);
    for (const [name, type] of ours) {
      const other = theirs.get(name);
      expect(other, `${name} in ${dirname(official!)}/onnx.proto`).toBeDefined();
      for (const field of type.fieldsArray) {
        const match = other!.fields[field.name];
        expect(match, `${name}.${field.name}`).toBeDefined();
        expect([match!.id, match!.type, match!.repeated], `${name}.${field.name}`).toEqual([field.id, field.type, field.repeated]);
      }
    }
  });

  it('round-trips a model through encode and decode', () => {
    const raw = new Uint8Array(new Float32Array([1.5, -2]).buffer);
    const model = {
      ir_version: 8,
      opset_import: [{ domain: '', version: 17 }],
      producer_name: 'p',
      producer_version: '1',
      metadata_props: [{ key: 'k', value: 'v' }],
      graph: {
        name: 'g',
        node: [{ input: ['x', 'w'], output: ['y'], name: 'n', op_type: 'Add', attribute: [{ name: 'axis', type: 2, i: -1 }] }],
        initializer: [{ name: 'w', dims: [2], data_type: 1, raw_data: raw }],
        input: [{ name: 'x', type: { tensor_type: { elem_type: 1, shape: { dim: [{ dim_param: 'n' }] } } } }],
        output: [{ name: 'y', type: { tensor_type: { elem_type: 1, shape: { dim: [{ dim_value: 2 }] } } } }],
      },
    };
    const back = decodeModel(encodeModel(model));
    expect(back.ir_version).toBe(8);
    expect(back.graph.node[0]!.attribute[0]).toMatchObject({ name: 'axis', i: -1 });
    expect(Array.from(back.graph.initializer[0]!.raw_data!)).toEqual(Array.from(raw));
    expect(back.graph.input[0]!.type.tensor_type.shape.dim[0]).toMatchObject({ dim_param: 'n' });
  });
});
