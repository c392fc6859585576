// Token shards: each split's documents encoded and written as little-endian uint16 (vocabulary up
// to 65,536) or uint32 ids into `<split>-NNNNN.bin` files, with `<split>-NNNNN.idx` holding the
// uint32 end offset of each document in that shard. A document never spans two shards.
// `index.json` describes the set (tokenizer, dtype, shards, totals — token counts are stored ids,
// separators included); it is written last, so a folder without it is incomplete.
import { closeSync, fsyncSync, mkdirSync, openSync } from 'node:fs';
import { join } from 'node:path';
import { writeAllSync, writeFileAtomicSync } from '../../platform/atomic';
import type { Split } from '../types';
import type { CorpusTokenizer } from './types';

export type TokenDtype = 'uint16' | 'uint32';

export interface ShardFile {
  split: Split;
  file: string;
  offsets: string;
  documents: number;
  tokens: number;
}

export interface ShardIndex {
  format: 'domain-studio-shards';
  version: 1;
  tokenizer: { key: string; vocab_size: number; separator_id: number | null };
  dtype: TokenDtype;
  shards: ShardFile[];
  tokens: Record<Split, number>;
  documents: Record<Split, number>;
}

export const dtypeFor = (vocabSize: number): TokenDtype => (vocabSize <= 65_536 ? 'uint16' : 'uint32');

/** Default shard size: 64 Mi tokens (128 MiB as uint16). */
const DEFAULT_MAX_SHARD_TOKENS = 64 * 1024 * 1024;

class SplitWriter {
  private fd = -1;
  private idxFd = -1;
  private current: ShardFile | null = null;
  private buffer: Uint8Array;
  private view: DataView;
  private used = 0;
  private readonly ends: number[] = [];
  readonly done: ShardFile[] = [];

  constructor(
    private readonly dir: string,
    private readonly split: Split,
    private readonly dtype: TokenDtype,
    private readonly maxTokens: number,
  ) {
    this.buffer = new Uint8Array(1 << 20);
    this.view = new DataView(this.buffer.buffer);
  }

  private open(): void {
    const n = String(this.done.length).padStart(5, '0');
    const file = `${this.split}-${n}.bin`;
    const offsets = `${this.split}-${n}.idx`;
    this.fd = openSync(join(this.dir, file), 'w');
    this.idxFd = openSync(join(this.dir, offsets), 'w');
    this.current = { split: this.split, file, offsets, documents: 0, tokens: 0 };
  }

  private flush(): void {
    writeAllSync(this.fd, this.buffer.subarray(0, this.used));
    this.used = 0;
  }

  private closeShard(): void {
    if (!this.current) return;
    this.flush();
    const idx = Buffer.alloc(this.ends.length * 4);
    this.ends.forEach((end, i) => idx.writeUInt32LE(end, i * 4));
    writeAllSync(this.idxFd, idx);
    for (const fd of [this.fd, this.idxFd]) {
      fsyncSync(fd);
      closeSync(fd);
    }
    this.done.push(this.current);
    this.current = null;
    this.ends.length = 0;
  }

  write(ids: readonly number[], separatorId: number | null): void {
    const count = ids.length + (separatorId === null ? 0 : 1);
    if (this.current && this.current.tokens > 0 && this.current.tokens + count > this.maxTokens) this.closeShard();
    if (!this.current) this.open();
    const width = this.dtype === 'uint16' ? 2 : 4;
    const put = (id: number) => {
      if (this.used + width > this.buffer.length) this.flush();
      if (width === 2) this.view.setUint16(this.used, id, true);
      else this.view.setUint32(this.used, id, true);
      this.used += width;
    };
    for (const id of ids) put(id);
    if (separatorId !== null) put(separatorId);
    const shard = this.current!;
    shard.tokens += count;
    shard.documents++;
    this.ends.push(shard.tokens);
  }

  close(): ShardFile[] {
    this.closeShard();
    return this.done;
  }
}

/** Writes the shards of one tokenizer into `dir`; call `add` per document, then `finish`. */
export class ShardSetWriter {
  private readonly writers: Record<Split, SplitWriter>;
  readonly dtype: TokenDtype;

  constructor(
    private readonly dir: string,
    private readonly tokenizer: CorpusTokenizer,
    maxShardTokens = DEFAULT_MAX_SHARD_TOKENS,
  ) {
    mkdirSync(dir, { recursive: true });
    this.dtype = dtypeFor(tokenizer.vocab_size);
    this.writers = {
      train: new SplitWriter(dir, 'train', this.dtype, maxShardTokens),
      validation: new SplitWriter(dir, 'validation', this.dtype, maxShardTokens),
    };
  }

  /** Encodes and writes one document; returns its token count (without the separator). */
  add(text: string, split: Split): number {
    const ids = this.tokenizer.encodeIds(text);
    this.writers[split].write(ids, this.tokenizer.separatorId);
    return ids.length;
  }

  finish(): ShardIndex {
    const shards = [...this.writers.train.close(), ...this.writers.validation.close()];
    const sum = (split: Split, field: 'tokens' | 'documents') =>
      shards.filter((s) => s.split === split).reduce((a, s) => a + s[field], 0);
    const index: ShardIndex = {
      format: 'domain-studio-shards',
      version: 1,
      tokenizer: { key: this.tokenizer.key, vocab_size: this.tokenizer.vocab_size, separator_id: this.tokenizer.separatorId },
      dtype: this.dtype,
      shards,
      tokens: { train: sum('train', 'tokens'), validation: sum('validation', 'tokens') },
      documents: { train: sum('train', 'documents'), validation: sum('validation', 'documents') },
    };
    writeFileAtomicSync(join(this.dir, 'index.json'), `${JSON.stringify(index, null, 2)}\n`);
    return index;
  }
}
