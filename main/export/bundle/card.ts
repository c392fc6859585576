// The model card (README.md of a bundle) written from what the store holds: base model, method,
// hyper-parameters, a corpus summary made of counts only (documents, tokens, languages, PII mode and
// findings per type — never a word of the content, file names included), evaluation and audit results
// or an honest "not evaluated", and intended use and limits.
import type { CorpusReport } from '../../common/dto';
import type { AnyDb } from '../../store/db';
import { findCorpus, type CorpusRecord } from '../../store/queries/corpora';
import { findModel, type ModelRecord } from '../../store/queries/models';
import type { RunRecord } from '../../store/queries/runs';

export interface CardInput {
  /** The exported model's name. */
  name: string;
  model_type: string;
  /** The run that trained it, if any. */
  run: RunRecord | null;
  /** The model row exported (the run's base model for a run export). */
  model: ModelRecord | null;
  corpus: CorpusRecord | null;
  formats: readonly string[];
  created_at: string;
  app_version: string;
}

const METHOD_TEXT: Record<string, string> = {
  'cpt-full': 'continued pre-training of every weight on the domain corpus',
  'cpt-lora': 'continued pre-training with a LoRA adapter on the domain corpus',
  'lora-task': 'task fine-tuning with a LoRA adapter',
  scratch: 'trained from scratch on the domain corpus',
};

/** Markdown-safe text: no table breaks, no HTML, one line. */
function cell(value: unknown): string {
  return String(value).replace(/[\r\n]+/g, ' ').replace(/[|<>`]/g, (c) => `\\${c}`);
}

const number = (n: number): string => n.toLocaleString('en-US');

/** Scalar settings only: numbers, booleans, short words — never paths or free text. */
function hyperParameters(config: Record<string, unknown>, prefix = ''): Array<[string, string]> {
  const rows: Array<[string, string]> = [];
  for (const [key, value] of Object.entries(config).sort(([a], [b]) => a.localeCompare(b))) {
    const name = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'number' || typeof value === 'boolean') rows.push([name, String(value)]);
    else if (typeof value === 'string' && value.length <= 40 && !/[/\\\s]/.test(value)) rows.push([name, value]);
    else if (Array.isArray(value) && value.length <= 16 && value.every((v) => typeof v === 'string' && v.length <= 40 && !/[/\\\s]/.test(v))) rows.push([name, value.join(', ')]);
    else if (value && typeof value === 'object' && !Array.isArray(value) && prefix === '') rows.push(...hyperParameters(value as Record<string, unknown>, name));
  }
  return rows;
}

function table(header: [string, string], rows: ReadonlyArray<[string, string]>): string[] {
  return [`| ${header[0]} | ${header[1]} |`, '| --- | --- |', ...rows.map(([a, b]) => `| ${cell(a)} | ${cell(b)} |`)];
}

function corpusSection(corpus: CorpusRecord | null): string[] {
  if (!corpus) return ['No domain corpus: this model was exported as it was imported or built.'];
  const report = corpus.report as Partial<CorpusReport> | null;
  const rows: Array<[string, string]> = [
    ['Documents', number(report?.documents?.kept ?? corpus.documents)],
    ['Tokens', number(report?.tokens?.total ?? corpus.tokens)],
  ];
  if (report?.documents) rows.push(['Train / validation documents', `${number(report.documents.train)} / ${number(report.documents.validation)}`]);
  if (report?.duplicates) rows.push(['Duplicates removed (exact / near)', `${number(report.duplicates.exact)} / ${number(report.duplicates.near)}`]);
  const languages = Object.entries(report?.languages ?? {}).sort(([, a], [, b]) => b - a);
  rows.push(['Languages (documents)', languages.length ? languages.map(([code, n]) => `${code} ${number(n)}`).join(', ') : 'not recorded']);
  if (report?.pii) {
    rows.push(['PII handling', report.pii.mode === 'redact' ? 'redacted (typed placeholders)' : report.pii.mode === 'drop' ? 'documents with findings dropped' : 'reported, text kept']);
    rows.push(['Documents with PII findings', number(report.pii.documents_with_findings)]);
  } else {
    rows.push(['PII handling', 'not recorded']);
  }
  const lines = table(['Corpus', 'Value'], rows);
  const findings = Object.entries(report?.findings ?? {}).filter(([, n]) => n > 0).sort(([a], [b]) => a.localeCompare(b));
  if (findings.length) lines.push('', ...table(['PII finding type', 'Count'], findings.map(([type, n]) => [type, number(n)])));
  lines.push('', 'Counts only: the bundle holds none of the corpus text.');
  return lines;
}

const TRAINING_VALIDATION: ReadonlyArray<[string, string]> = [
  ['domain_perplexity', 'Domain perplexity (validation split)'],
  ['general_perplexity', 'General-text perplexity (replay validation)'],
  ['train_loss', 'Final training loss'],
  ['steps', 'Training steps'],
];

function evaluationSection(run: RunRecord | null): string[] {
  const evaluation = run?.metrics.evaluation as Record<string, unknown> | undefined;
  if (evaluation && typeof evaluation === 'object') {
    const rows = Object.entries(evaluation)
      .filter(([, v]) => typeof v === 'number')
      .map(([k, v]) => [k, Number(v).toPrecision(4)] as [string, string]);
    if (rows.length) return table(['Metric', 'Value'], rows);
  }
  const lines = ['Not evaluated: no separate evaluation was recorded for this model before export. Evaluate it on your own held-out data before relying on it.'];
  const measured = TRAINING_VALIDATION.filter(([key]) => typeof run?.metrics[key] === 'number').map(
    ([key, label]) => [label, key === 'steps' ? number(Number(run!.metrics[key])) : Number(run!.metrics[key]).toPrecision(4)] as [string, string],
  );
  if (measured.length) lines.push('', 'Measured during training, on the corpus\'s own validation split:', '', ...table(['Measure', 'Value'], measured));
  return lines;
}

function auditSection(run: RunRecord | null): string[] {
  const audit = run?.metrics.audit as { verdict?: unknown; summary?: unknown; override?: unknown } | undefined;
  if (!audit || typeof audit.verdict !== 'string') return ['Not audited: no privacy audit (memorisation of the corpus) was recorded for this model.'];
  const lines = [`Verdict: **${cell(audit.verdict)}**`];
  if (typeof audit.summary === 'string') lines.push('', cell(audit.summary));
  if (audit.override) lines.push('', `The audit failed and was overridden by the user: ${cell(typeof audit.override === 'string' ? audit.override : 'recorded override')}.`);
  return lines;
}

export function renderModelCard(input: CardInput): string {
  const { run, model } = input;
  const base = run ? (run.base_model ?? 'unknown') : (model?.name ?? input.name);
  const method = run ? (METHOD_TEXT[run.method] ?? run.method) : 'none: exported as it was imported';
  const lines = [
    `# ${cell(input.name)}`,
    '',
    `A ${cell(input.model_type)} model exported by Domain Studio ${cell(input.app_version)} on ${input.created_at.slice(0, 10)}.`,
    '',
    '## Model',
    '',
    ...table(['Field', 'Value'], [
      ['Base model', base],
      ['Architecture', input.model_type],
      ['Method', method],
      ['Parameters', model ? number(model.parameters) : 'unknown'],
      ['Formats in this bundle', input.formats.join(', ')],
      ...(run ? ([['Run', `#${run.id} (${run.status})`]] as Array<[string, string]>) : []),
    ]),
    '',
    '## Hyper-parameters',
    '',
    ...(run ? (() => {
      const rows = hyperParameters(run.config);
      return rows.length ? table(['Setting', 'Value'], rows) : ['None recorded.'];
    })() : ['None: no training run.']),
    '',
    '## Training data',
    '',
    ...corpusSection(input.corpus),
    '',
    '## Evaluation',
    '',
    ...evaluationSection(run),
    '',
    '## Privacy audit',
    '',
    ...auditSection(run),
    '',
    '## Intended use and limits',
    '',
    '- Intended for research and drafting support inside the organisation that trained it, on text like its training corpus.',
    '- Not a medical or legal decision-maker: a qualified person reviews every output.',
    '- A model adapted to private text can reproduce fragments of it; share it only with people entitled to read the corpus, and check the privacy audit above.',
    '- Quality outside the domain and languages listed above is unknown.',
    '',
    '## Verifying this bundle',
    '',
    '`manifest.json` lists every file with its SHA-256; `manifest.sig` is an ed25519 signature over it. Check it with `studio bundle verify`, and compare the signer fingerprint it prints with the sender by phone.',
    '',
  ];
  return lines.join('\n');
}

/** The card's inputs from the store: a run (with its corpus and base model) or a model alone. */
export function cardInputFromStore(db: AnyDb, source: { run: RunRecord | null; model: ModelRecord | null }): Pick<CardInput, 'run' | 'model' | 'corpus'> {
  const model = source.model ?? (source.run?.base_model_id ? findModel(db, source.run.base_model_id) : null);
  const corpus = source.run?.corpus_id ? findCorpus(db, source.run.corpus_id) : null;
  return { run: source.run, model, corpus };
}
