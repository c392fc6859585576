// The model card: counts about the corpus, never its content (not a word, not a file name); the run's
// scalar settings only; honest "not evaluated" / "not audited"; evaluation numbers when recorded.
import { describe, expect, it } from 'vitest';
import type { CorpusRecord } from '../../store/queries/corpora';
import type { RunRecord } from '../../store/queries/runs';
import { renderModelCard } from './card';

const corpus = {
  id: 1,
  name: 'Discharge summaries',
  status: 'ready',
  documents: 40_000,
  bytes: 1e9,
  tokens: 52_000_000,
  created_at: '2026-01-01T00:00:00.000Z',
  options: { paths: ['/home/dr/patients/'] },
  job_id: 1,
  updated_at: '2026-01-01T00:00:00.000Z',
  report: {
    documents: { in: 41_000, kept: 40_000, train: 38_000, validation: 2_000 },
    tokens: { total: 52_000_000, train: 50_000_000, validation: 2_000_000 },
    duplicates: { exact: 1_120, near: 3_400, clusters: 900 },
    languages: { en: 39_000, de: 1_000 },
    pii: { mode: 'redact', scanned: true, documents_with_findings: 30_000, dropped: 0 },
    findings: { NAME: 150_000, DATE: 62_000, MRN: 0 },
    fertility: { words: 10, tokens_per_word: 1.4, fragmented: [{ word: 'apixaban', count: 90, tokens: ['ap', '##ix'] }] },
    errors: [{ path: '/home/dr/patients/jane-doe.pdf', reason: 'encrypted' }],
  },
} as unknown as CorpusRecord;

const run = {
  id: 7,
  corpus_id: 1,
  base_model_id: 1,
  corpus: 'Discharge summaries',
  base_model: 'clinical-bert',
  method: 'cpt-lora',
  status: 'succeeded',
  config: { learning_rate: 2e-4, lora: { r: 8, alpha: 16, target_modules: ['query', 'value'] }, corpus_folder: '/home/dr/patients', note: 'patient Jane Doe cohort' },
  metrics: {},
  job_id: 2,
  created_at: '2026-01-01T00:00:00.000Z',
  started_at: null,
  finished_at: null,
} as unknown as RunRecord;

const base = { name: 'clinical-bert-run-7', model_type: 'bert', model: null, formats: ['hf', 'peft'], created_at: '2026-02-01T10:00:00.000Z', app_version: '0.1.0' };

describe('model card', () => {
  const card = renderModelCard({ ...base, run, corpus });

  it('summarises the corpus with counts, languages and PII handling', () => {
    expect(card).toMatch(/\| Documents \| 40,000 \|/);
    expect(card).toMatch(/\| Tokens \| 52,000,000 \|/);
    expect(card).toMatch(/\| Languages \(documents\) \| en 39,000, de 1,000 \|/);
    expect(card).toMatch(/\| PII handling \| redacted \(typed placeholders\) \|/);
    expect(card).toMatch(/\| NAME \| 150,000 \|/);
    expect(card).not.toMatch(/\| MRN \|/);
  });

  it('never carries corpus content: no words, file names, folders or free text from the run settings', () => {
    for (const secret of ['apixaban', 'jane', 'patients', '/home']) expect(card.toLowerCase()).not.toContain(secret);
    expect(card).toMatch(/\| learning_rate \| 0\.0002 \|/);
    expect(card).toMatch(/\| lora\.target_modules \| query, value \|/);
  });

  it('says plainly when nothing was evaluated or audited, and shows evaluation numbers once recorded', () => {
    expect(card).toMatch(/Not evaluated/);
    expect(card).toMatch(/Not audited/);
    const evaluated = renderModelCard({ ...base, corpus, run: { ...run, metrics: { evaluation: { domain_perplexity: 12.345678, general_perplexity: 30.1 } } } as RunRecord });
    expect(evaluated).toMatch(/\| domain_perplexity \| 12\.35 \|/);
    expect(evaluated).not.toMatch(/Not evaluated/);
    const trained = renderModelCard({ ...base, corpus, run: { ...run, metrics: { domain_perplexity: 8.123456, steps: 1200, outputs: { model: '/x' } } } as RunRecord });
    expect(trained).toMatch(/Not evaluated/);
    expect(trained).toMatch(/\| Domain perplexity \(validation split\) \| 8\.123 \|/);
    expect(trained).toMatch(/\| Training steps \| 1,200 \|/);
  });

  it('keeps a hostile model name from breaking the Markdown', () => {
    const hostile = renderModelCard({ ...base, name: 'x | <script>alert(1)</script>\n# injected', run: null, corpus: null });
    expect(hostile).not.toMatch(/<script>/);
    expect(hostile.split('\n').filter((l) => l.startsWith('# '))).toHaveLength(1);
  });
});
