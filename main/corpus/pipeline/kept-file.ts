// The kept documents pass 2 hands to pass 3, in document order: per document a 13-byte header (ordinal,
// source file index, text length word, language length), the language and the text in UTF-8 (see
// binary-file.ts) — no JSON escaping on the way out, no parsing on the way back.
import { ByteReader, ByteWriter, JSON_BIT, readText } from './binary-file';
import { lengthWord, textBytes, type EncodedTexts } from './staging';

const HEADER_BYTES = 13;

/** One kept document as pass 3 reads it. */
export interface KeptDoc {
  /** Ordinal in the import. */
  i: number;
  /** Index of its source in the import's file list. */
  file: number;
  language: string;
  text: string;
}

/** Language codes take few values: each is encoded once. */
const languageBytes = new Map<string, Buffer>();

export class KeptWriter {
  private readonly out: ByteWriter;

  constructor(path: string) {
    this.out = new ByteWriter(path);
  }

  /** Document `i` from file `file`: its language and text `k` of `texts` (see AnalyzedBatch). */
  write(i: number, file: number, language: string, texts: EncodedTexts, k: number): void {
    let lang = languageBytes.get(language);
    if (lang === undefined) {
      lang = Buffer.from(language, 'utf8');
      if (lang.length > 255) throw new Error(`Language code too long: ${language}`);
      if (languageBytes.size < 1000) languageBytes.set(language, lang);
    }
    const out = this.out;
    out.reserve(HEADER_BYTES + lang.length);
    const b = out.buf;
    const at = out.used;
    b.writeUInt32LE(i, at);
    b.writeUInt32LE(file, at + 4);
    b.writeUInt32LE(lengthWord(texts, k), at + 8);
    b[at + 12] = lang.length;
    b.set(lang, at + HEADER_BYTES);
    out.used = at + HEADER_BYTES + lang.length;
    out.bytes(textBytes(texts, k));
  }

  close(): void {
    this.out.close();
  }

  destroy(): void {
    this.out.destroy();
  }
}

/** The kept documents, in order (memory bounded by the largest). */
export function* readKept(path: string): Generator<KeptDoc> {
  const r = new ByteReader(path);
  try {
    while (r.have(HEADER_BYTES)) {
      const head = r.buf;
      const textWord = head.readUInt32LE(r.pos + 8);
      const langBytes = head[r.pos + 12]!;
      const size = HEADER_BYTES + langBytes + ((textWord & ~JSON_BIT) >>> 0);
      if (!r.have(size)) throw new Error('The kept documents file is truncated.');
      const b = r.buf;
      const at = r.pos;
      r.pos += size;
      yield {
        i: b.readUInt32LE(at),
        file: b.readUInt32LE(at + 4),
        language: b.toString('utf8', at + HEADER_BYTES, at + HEADER_BYTES + langBytes),
        text: readText(b, at + HEADER_BYTES + langBytes, textWord),
      };
    }
    if (r.rest > 0) throw new Error('The kept documents file is truncated.');
  } finally {
    r.close();
  }
}
