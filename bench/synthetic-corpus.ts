// Seeded synthetic clinical/legal documents streamed to JSON Lines files for the corpus benchmarks
// (never the whole corpus in memory, so a 1 GB corpus can be generated on a small machine).
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { join } from 'node:path';
import { syntheticText } from '../main/corpus/synthetic';

/** Writes `bytes` of documents into `files` files `part-N.jsonl` (file N seeded `seed + N`); returns the bytes written. */
export async function writeSyntheticJsonl(dir: string, bytes: number, files: number, seed: number): Promise<number> {
  const per = Math.ceil(bytes / files);
  let total = 0;
  for (let f = 0; f < files; f++) {
    const out = createWriteStream(join(dir, `part-${f}.jsonl`));
    let chunk = '';
    for (const text of syntheticText({ seed: seed + f, bytes: per })) {
      chunk += `${JSON.stringify({ text })}\n`;
      if (chunk.length >= 1 << 20) {
        total += Buffer.byteLength(chunk);
        if (!out.write(chunk)) await once(out, 'drain');
        chunk = '';
      }
    }
    total += Buffer.byteLength(chunk);
    out.end(chunk);
    await once(out, 'finish');
  }
  return total;
}
