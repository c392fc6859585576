// Reads the top-level fields of a .onnx file (ir_version, producer, opset imports, metadata_props)
// without loading the graph: walks ModelProto's fields in the file and skips the graph's bytes, so a
// multi-gigabyte model costs a few small reads.
import { open } from 'node:fs/promises';
import { StudioError } from '../../common/errors';
import protobuf from 'protobufjs';
import { ONNX_PROTO } from './schema';

export interface OnnxHeader {
  ir_version: number;
  producer_name: string;
  opset: number | null;
  metadata: Record<string, string>;
}

let types: { entry: protobuf.Type; opset: protobuf.Type } | null = null;
function messageTypes() {
  if (types === null) {
    const root = protobuf.parse(ONNX_PROTO, { keepCase: true }).root;
    types = { entry: root.lookupType('onnx.StringStringEntryProto'), opset: root.lookupType('onnx.OperatorSetIdProto') };
  }
  return types;
}

export async function readOnnxHeader(file: string): Promise<OnnxHeader> {
  const handle = await open(file, 'r');
  try {
    const size = (await handle.stat()).size;
    const bad = (why: string) => new StudioError('bad_input', `${file} is not an ONNX model (${why})`);
    let pos = 0;
    const byte = Buffer.alloc(1);
    const varint = async (): Promise<number> => {
      let value = 0;
      let shift = 0;
      for (;;) {
        if (pos >= size) throw bad('truncated');
        await handle.read(byte, 0, 1, pos++);
        value += (byte[0]! & 0x7f) * 2 ** shift;
        if ((byte[0]! & 0x80) === 0) return value;
        shift += 7;
        if (shift > 63) throw bad('bad varint');
      }
    };
    const header: OnnxHeader = { ir_version: 0, producer_name: '', opset: null, metadata: {} };
    const { entry, opset } = messageTypes();
    while (pos < size) {
      const tag = await varint();
      const field = Math.floor(tag / 8);
      const wire = tag & 7;
      if (wire === 0) {
        const v = await varint();
        if (field === 1) header.ir_version = v;
        continue;
      }
      if (wire === 5 || wire === 1) {
        pos += wire === 5 ? 4 : 8;
        continue;
      }
      if (wire !== 2) throw bad(`unexpected wire type ${wire}`);
      const length = await varint();
      if (pos + length > size) throw bad('truncated');
      if (field === 2 || field === 8 || field === 14) {
        const buf = Buffer.alloc(length);
        await handle.read(buf, 0, length, pos);
        if (field === 2) header.producer_name = buf.toString('utf8');
        if (field === 8) {
          const o = opset.toObject(opset.decode(buf), { longs: Number }) as { domain?: string; version?: number };
          if (!o.domain) header.opset = o.version ?? null;
        }
        if (field === 14) {
          const e = entry.toObject(entry.decode(buf)) as { key?: string; value?: string };
          if (e.key !== undefined) header.metadata[e.key] = e.value ?? '';
        }
      }
      pos += length;
    }
    if (header.ir_version === 0) throw bad('no ir_version');
    return header;
  } finally {
    await handle.close();
  }
}
