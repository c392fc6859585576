// Cloze probes on domain terms: did training teach the model the corpus's vocabulary in context?
// Terms = the most frequent words (≥ 4 letters) of the domain text that are not common English words,
// not frequent in the general text (when given) and not part of any PII finding. Probes = occurrences of
// those terms in validation text (seeded sample; the same for every model, so before/after compare).
// - Masked LM: all of the term's tokens are masked; top-1 hit when every token is the model's first
//   choice, top-5 hit when every token is within its position's top 5.
// - Causal LM: the rank of the term's first token as the next token after the text before it; top-1/top-5
//   = share of ranks ≤ 1 / ≤ 5, with the median rank.
import { StudioError } from '../common/errors';
import { Rng } from '../engine/train/rng';
import type { Scorer } from './scorer';
import { leadIds, splitIds, tailIds } from './text-ids';

export interface Probe {
  readonly term: string;
  readonly before: string;
  readonly after: string;
}

export interface ProbeSet {
  readonly terms: readonly string[];
  readonly probes: readonly Probe[];
}

export interface ProbeScores {
  readonly objective: Scorer['objective'];
  readonly probes: number;
  readonly top1: number;
  readonly top5: number;
  /** Causal LM: median rank of the term's first token; null for masked LMs. */
  readonly median_rank: number | null;
}

const STOP = new Set(
  ('about above after again against also been before being below between both could does doing down during each from further have having here ' +
    'into itself just more most other ought over same shall should some such than that their theirs them themselves then there these they this ' +
    'those through under until very were what when where which while whom will with would your yours yourself very upon said were within without ' +
    'only well made make many much must never once others part same seen since still take told took used using what whose year years today').split(' '),
);

const WORD = /\p{L}[\p{L}'-]{3,}/gu;

export interface ProbeSetOptions {
  /** Domain terms to use (default 40). */
  readonly terms?: number;
  /** Probes at most (default 200). */
  readonly maxProbes?: number;
  /** Words frequent here are not domain terms. */
  readonly generalTexts?: Iterable<string>;
  /** Identifiers found by the PII scan: their words are never probed (nor listed). */
  readonly exclude?: Iterable<string>;
  readonly seed?: number;
}

function counts(texts: Iterable<string>): Map<string, number> {
  const out = new Map<string, number>();
  for (const text of texts) for (const m of text.matchAll(WORD)) out.set(m[0].toLowerCase(), (out.get(m[0].toLowerCase()) ?? 0) + 1);
  return out;
}

/** The probe set of `texts` (validation documents of the corpus). */
export function makeProbeSet(texts: readonly string[], options: ProbeSetOptions = {}): ProbeSet {
  const general = options.generalTexts ? counts(options.generalTexts) : new Map<string, number>();
  const commonGeneral = new Set([...general].sort((a, b) => b[1] - a[1]).slice(0, 300).map(([w]) => w));
  const excluded = new Set<string>();
  for (const id of options.exclude ?? []) for (const m of id.matchAll(/\p{L}+/gu)) excluded.add(m[0].toLowerCase());
  const domain = counts(texts);
  const terms = [...domain]
    .filter(([w, n]) => n >= 2 && !STOP.has(w) && !commonGeneral.has(w) && !excluded.has(w))
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, options.terms ?? 40)
    .map(([w]) => w);
  const wanted = new Set(terms);
  const all: Probe[] = [];
  for (const text of texts) {
    for (const m of text.matchAll(WORD)) {
      if (!wanted.has(m[0].toLowerCase()) || (m.index ?? 0) === 0) continue;
      const at = m.index ?? 0;
      all.push({ term: m[0], before: text.slice(Math.max(0, at - 300), at), after: text.slice(at + m[0].length, at + m[0].length + 120) });
    }
  }
  const rng = new Rng(options.seed ?? 77);
  for (let i = all.length - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    [all[i], all[j]] = [all[j] as Probe, all[i] as Probe];
  }
  return { terms, probes: all.slice(0, options.maxProbes ?? 200) };
}

/** Scores of one model on a probe set. */
export async function runProbes(scorer: Scorer, set: ProbeSet, signal?: AbortSignal): Promise<ProbeScores> {
  const tokenizer = scorer.tokenizer;
  const lead = leadIds(tokenizer);
  let top1 = 0;
  let top5 = 0;
  const ranks: number[] = [];
  const rows: { ids: number[]; targets: number[] }[] = [];
  let n = 0;
  for (const probe of set.probes) {
    if (signal?.aborted) throw new StudioError('cancelled', 'The evaluation was cancelled');
    const { prefix, target } = splitIds(tokenizer, probe.before, probe.term);
    if (target.length === 0) continue;
    const room = scorer.maxPositions - lead.length - target.length - 2 - (scorer.objective === 'masked-lm' ? 16 : 0);
    const kept = prefix.slice(Math.max(0, prefix.length - Math.min(48, room)));
    if (kept.length === 0 && lead.length === 0) continue;
    n += 1;
    if (scorer.objective === 'masked-lm') {
      const after = tokenizer.encodeIds(probe.after.trim()).slice(0, 16);
      const ids = [...lead, ...kept, ...target.map(() => scorer.maskId ?? 0), ...after, ...tailIds(tokenizer)];
      const positions = target.map((_, j) => lead.length + kept.length + j);
      const fills = await scorer.fills(ids, positions, 5);
      if (target.every((id, j) => fills[j]?.[0] === id)) top1 += 1;
      if (target.every((id, j) => fills[j]?.includes(id))) top5 += 1;
    } else {
      const ids = [...lead, ...kept, target[0] as number];
      rows.push({ ids, targets: [ids.length - 1] });
    }
  }
  if (scorer.objective === 'causal-lm' && rows.length > 0) {
    ranks.push(...(await scorer.ranks(rows)));
    top1 = ranks.filter((r) => r <= 1).length;
    top5 = ranks.filter((r) => r <= 5).length;
  }
  const sorted = [...ranks].sort((a, b) => a - b);
  return {
    objective: scorer.objective,
    probes: n,
    top1: n === 0 ? 0 : top1 / n,
    top5: n === 0 ? 0 : top5 / n,
    median_rank: scorer.objective === 'causal-lm' && sorted.length > 0 ? (sorted[Math.floor((sorted.length - 1) / 2)] as number) : null,
  };
}
