// Choosing the next token from a row of logits: greedy (argmax, lowest id on ties), or nucleus (top-p)
// sampling with a temperature as transformers' TopPLogitsWarper does it (keep the most probable tokens
// whose cumulative probability reaches top_p, at least one), drawn from a seeded generator so a seed
// gives the same continuation every time.
import { StudioError } from '../common/errors';
import { Rng } from './train/rng';

export interface SamplingOptions {
  /** Nucleus mass in (0, 1]; absent = greedy. */
  top_p?: number;
  /** Divides the logits before the softmax (default 1). */
  temperature?: number;
  /** Seed of the draws (default 0). */
  seed?: number;
}

export function argmax(row: ArrayLike<number>): number {
  let best = 0;
  for (let i = 1; i < row.length; i++) if (row[i]! > row[best]!) best = i;
  return best;
}

/** Returns a picker: each call takes one logits row and returns the chosen id. */
export function tokenPicker(options: SamplingOptions = {}): (row: ArrayLike<number>) => number {
  if (options.top_p === undefined && options.temperature === undefined) return argmax;
  const topP = options.top_p ?? 1;
  const temperature = options.temperature ?? 1;
  if (!(topP > 0 && topP <= 1)) throw new StudioError('invalid_request', `top_p must be in (0, 1], got ${topP}`, { field: 'top_p' });
  if (!(temperature > 0)) throw new StudioError('invalid_request', `temperature must be > 0, got ${temperature}`, { field: 'temperature' });
  const rng = new Rng(options.seed ?? 0);
  return (row) => {
    let max = -Infinity;
    for (let i = 0; i < row.length; i++) max = Math.max(max, row[i]! / temperature);
    const probs = Float64Array.from({ length: row.length }, (_, i) => Math.exp(row[i]! / temperature - max));
    const sum = probs.reduce((a, b) => a + b, 0);
    const order = Array.from(probs.keys()).sort((a, b) => probs[b]! - probs[a]! || a - b);
    const kept: number[] = [];
    let mass = 0;
    for (const id of order) {
      kept.push(id);
      mass += probs[id]! / sum;
      if (mass >= topP) break;
    }
    let u = rng.next() * kept.reduce((n, id) => n + probs[id]!, 0);
    for (const id of kept) {
      u -= probs[id]!;
      if (u < 0) return id;
    }
    return kept[kept.length - 1]!;
  };
}
