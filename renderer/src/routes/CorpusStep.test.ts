// The Corpus step over a fake core: import from typed or dropped paths with live progress, field
// errors beside their field, the report once the import is done, finding review with allow-listing,
// the per-file errors table, and vocabulary coverage for the chosen base model.
import { cleanup, fireEvent, render, screen, within } from '@testing-library/svelte';
import { afterEach, describe, expect, it } from 'vitest';
import type { CorpusDocumentDto, CorpusFindingsDto, CorpusReport, CorpusSummary, JobDto, ModelFertilityResult } from '../../../main/common/dto';
import { app } from '../lib/state/app.svelte';
import { jobs } from '../lib/state/jobs.svelte';
import { selection } from '../lib/state/selection.svelte';
import { INFO, installFake, job } from '../test/fake-bridge';
import CorpusStep from './CorpusStep.svelte';
import { forgetImportDraft } from './corpus/ImportForm.svelte';

afterEach(() => {
  cleanup();
  forgetImportDraft();
});

const summary: CorpusSummary = {
  id: 3,
  name: 'contracts',
  status: 'ready',
  documents: 528,
  bytes: 2_768_333,
  tokens: 526_109,
  created_at: '2026-03-01T09:00:00.000Z',
};

function report(patch: Partial<CorpusReport> = {}): CorpusReport {
  return {
    corpus: { id: 3, name: 'contracts', status: 'ready' },
    files: { found: 668, imported: 666, skipped: 2 },
    documents: { in: 666, kept: 528, train: 502, validation: 26 },
    bytes: { in: 4_970_680, kept: 2_768_333 },
    tokens: { total: 526_109, train: 488_347, validation: 37_762 },
    tokenizer: { key: 'words-50000', vocab_size: 50000, dtype: 'uint16' },
    duplicates: { exact: 22, near: 116, clusters: 63 },
    boilerplate_lines_removed: 99,
    languages: { en: 512, de: 7 },
    pii: { mode: 'redact', scanned: true, documents_with_findings: 357, dropped: 0 },
    findings: { NAME: 1097, EMAIL: 98 },
    filtered: { min_length: 3, symbol_ratio: 0, repeated_lines: 0, language: 0 },
    invalid_records: 0,
    split: { seed: 1234, validation_fraction: 0.05 },
    fertility: { words: 1000, tokens_per_word: 1.2, fragmented: [] },
    errors: [
      { path: '/data/contracts/scan.pdf', severity: 'error', reason: 'corrupt', message: 'The PDF is damaged: no cross-reference table.' },
      { path: '/data/contracts/big.txt', severity: 'error', reason: 'too_large', message: 'Larger than 256 MB.' },
    ],
    timings_ms: {},
    created_at: '2026-03-01T09:00:00.000Z',
    ...patch,
  };
}

function findings(allowed = false, restored = false): CorpusFindingsDto {
  return {
    corpus: 3,
    by_type: {
      NAME: {
        total: 1097,
        allow_listed: allowed ? 12 : 0,
        samples: [
          {
            id: 41,
            document: 7,
            source: '/data/contracts/Apache-2.0.txt',
            type: 'NAME',
            text: 'Licensor',
            context: '…the term Licensor shall mean the copyright owner…',
            confidence: 0.6,
            allow_listed: allowed,
          },
        ],
      },
      EMAIL: { total: 98, allow_listed: 0, samples: [] },
    },
    // Redact mode: an allowed finding stays a placeholder in the corpus's text until it is restored.
    restorable: allowed && !restored ? { corpus: 3, name: 'contracts', documents: 12, findings: 12 } : null,
  };
}

describe('Corpus step: import', () => {
  it('imports typed paths with the chosen options, follows progress, then shows the report', async () => {
    let corpora: CorpusSummary[] = [];
    const started = job(5, { kind: 'corpus.import', status: 'queued', params: { name: 'contracts' } });
    const fake = installFake({
      'corpus.list': () => corpora,
      'corpus.import': () => started,
      'jobs.list': () => [],
      'corpus.show': () => report(),
      'corpus.findings': () => findings(),
    });
    await jobs.connect();
    render(CorpusStep);
    const paths = await screen.findByRole('textbox', { name: 'Files and folders to import' });
    await fireEvent.input(paths, { target: { value: '/data/contracts/\n"/data/more contracts"\n' } });
    const name = screen.getByRole('textbox', { name: 'Name of the corpus' }) as HTMLInputElement;
    expect(name.value).toBe('contracts');
    await fireEvent.click(screen.getByRole('radio', { name: /Leave out documents that contain any/ }));
    await fireEvent.click(screen.getByText('Reading options'));
    await fireEvent.input(screen.getByRole('textbox', { name: 'Keep only these languages' }), { target: { value: 'en, DE' } });
    await fireEvent.input(screen.getByRole('spinbutton', { name: 'Largest file to read (MB)' }), { target: { value: '10' } });
    await fireEvent.click(screen.getByRole('button', { name: 'Import' }));

    await screen.findByText(/Importing “contracts”/, undefined, { timeout: 5000 });
    expect(fake.callsOf('corpus.import')).toEqual([
      {
        paths: ['/data/contracts/', '/data/more contracts'],
        name: 'contracts',
        pii: 'drop',
        text_column: 'text',
        json_field: 'text',
        languages: ['en', 'de'],
        max_file_bytes: 10 * 1024 * 1024,
      },
    ]);

    fake.emit('job.progress', {
      job_id: 5,
      kind: 'corpus.import',
      progress: 0.3,
      message: 'Reading /data/contracts/Apache-2.0.txt',
      counters: { files_done: 4, files: 10, mb_per_s: 0.5, bytes_done: 1e6, bytes: 61e6, documents_found: 4 },
      at: '2026-03-01T09:00:01.000Z',
    });
    const bar = await screen.findByRole('progressbar', { name: 'Import of contracts' }, { timeout: 5000 });
    await expect.poll(() => bar.getAttribute('aria-valuenow'), { timeout: 5000 }).toBe('30');
    expect(screen.getByText('4 of 10')).toBeTruthy();
    expect(screen.getByText('0.5 MB/s')).toBeTruthy();
    expect(screen.getByText('1.0 MB of 61 MB')).toBeTruthy();
    expect(screen.getByText('about 2 min')).toBeTruthy(); // 60 MB left at 0.5 MB/s
    expect(screen.getByText('Documents found').nextElementSibling?.textContent).toBe('4');
    expect(screen.getByText('Apache-2.0.txt').closest('p')?.textContent?.replace(/\s+/g, ' ').trim()).toBe('Reading Apache-2.0.txt in /data/contracts');

    corpora = [summary];
    fake.emit('job.finished', { job_id: 5, kind: 'corpus.import', status: 'succeeded', result: report(), error: null, at: '2026-03-01T09:00:09.000Z' });
    await screen.findByRole('heading', { name: 'Report for “contracts”' }, { timeout: 5000 });
    await expect.poll(() => selection.corpus, { timeout: 5000 }).toBe('contracts');
    expect(screen.getByRole('radio', { name: 'Use contracts' })).toHaveProperty('checked', true);
    // Totals, cleaning and per-file problems in words.
    const totals = screen.getByText('Documents kept').parentElement as HTMLElement;
    expect(totals.textContent).toContain('528');
    expect(totals.textContent).toContain('of 666');
    expect(screen.getByRole('row', { name: /Near duplicates removed/ }).textContent).toContain('116');
    expect(screen.getByRole('row', { name: /Too short to learn from/ }).textContent).toContain('3');
    const scan = screen.getByRole('row', { name: /scan\.pdf/ });
    expect(scan.textContent).toContain('Damaged');
    expect(scan.textContent).toContain('no cross-reference table');
    expect(screen.getByRole('heading', { name: 'Files: 2 skipped' })).toBeTruthy();
    expect(screen.getByText(/Found in 357 of the 528/).textContent?.replace(/\s+/g, ' ')).toContain('documents scanned (those left after duplicates and filters)');
    expect(screen.queryByRole('alert')).toBeNull();
    expect(screen.getByText(/Choose a base model in/)).toBeTruthy();
  });

  it('offers the bundled sample corpus, filling its path and name', async () => {
    installFake({ 'corpus.list': () => [], 'app.info': () => INFO });
    await app.info.load();
    render(CorpusStep);
    await fireEvent.click(await screen.findByRole('button', { name: 'Use the bundled sample' }));
    const paths = screen.getByRole('textbox', { name: 'Files and folders to import' }) as HTMLTextAreaElement;
    expect(paths.value).toBe('/opt/domain-studio/resources/corpora/sample-legal');
    expect((screen.getByRole('textbox', { name: 'Name of the corpus' }) as HTMLInputElement).value).toBe('sample-legal');
  });

  it('shows a refused field beside the field and keeps what was typed', async () => {
    installFake({
      'corpus.list': () => [],
      'corpus.import': () => ({ code: 'conflict', message: 'A corpus named "contracts" already exists; choose another name.', field: 'name' }),
    });
    render(CorpusStep);
    const paths = await screen.findByRole('textbox', { name: 'Files and folders to import' });
    await fireEvent.input(paths, { target: { value: '/data/contracts' } });
    await fireEvent.click(screen.getByRole('button', { name: 'Import' }));
    await screen.findByText('A corpus named "contracts" already exists; choose another name.');
    expect(screen.getByRole('textbox', { name: 'Name of the corpus' }).getAttribute('aria-invalid')).toBe('true');
    expect((paths as HTMLTextAreaElement).value).toBe('/data/contracts');
    expect(screen.queryByText(/Importing/)).toBeNull();
  });

  it('shows why an import failed', async () => {
    const fake = installFake({
      'corpus.list': () => [],
      'corpus.import': () => job(6, { kind: 'corpus.import', status: 'running', params: { name: 'notes' } }),
      'jobs.list': () => [],
    });
    await jobs.connect();
    render(CorpusStep);
    await fireEvent.input(await screen.findByRole('textbox', { name: 'Files and folders to import' }), { target: { value: '/data/notes' } });
    await fireEvent.click(screen.getByRole('button', { name: 'Import' }));
    await screen.findByText(/Importing “notes”/);
    fake.emit('job.finished', {
      job_id: 6,
      kind: 'corpus.import',
      status: 'failed',
      result: null,
      error: { code: 'bad_input', message: 'No documents could be read from the given paths.' },
      at: '2026-03-01T09:00:09.000Z',
    });
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('The import of “notes” failed');
    expect(alert.textContent).toContain('No documents could be read from the given paths.');
  });

  it('cancels a running import', async () => {
    const fake = installFake({
      'corpus.list': () => [],
      'jobs.list': () => [job(8, { kind: 'corpus.import', status: 'running', params: { name: 'letters' } })],
      'jobs.cancel': ({ id }) => job(id, { kind: 'corpus.import', status: 'cancelled', params: { name: 'letters' } }),
    });
    await jobs.connect();
    render(CorpusStep);
    await fireEvent.click(await screen.findByRole('button', { name: 'Cancel import' }));
    await screen.findByText('The import of “letters” was cancelled; nothing was kept.');
    expect(fake.callsOf('jobs.cancel')).toEqual([{ id: 8 }]);
  });
});

describe('Corpus step: dropping files', () => {
  function transfer(data: Record<string, string>, files: string[] = []) {
    return { getData: (type: string) => data[type] ?? '', files: files.map((name) => new File(['x'], name)), types: Object.keys(data) };
  }

  it('adds paths that a drop carries as file links', async () => {
    installFake({ 'corpus.list': () => [] });
    render(CorpusStep);
    const paths = (await screen.findByRole('textbox', { name: 'Files and folders to import' })) as HTMLTextAreaElement;
    await fireEvent.drop(paths, { dataTransfer: transfer({ 'text/uri-list': 'file:///home/dr.lee/Discharge%202024\r\n' }) });
    expect(paths.value).toBe('/home/dr.lee/Discharge 2024');
    expect((screen.getByRole('textbox', { name: 'Name of the corpus' }) as HTMLInputElement).value).toBe('Discharge 2024');
  });

  it('says honestly that a browser hides where dropped files are', async () => {
    installFake({ 'corpus.list': () => [] });
    render(CorpusStep);
    const zone = await screen.findByRole('textbox', { name: 'Files and folders to import' });
    await fireEvent.drop(zone, { dataTransfer: transfer({}, ['letter.docx']) });
    const note = await screen.findByText(/This window is not told where letter\.docx is on your computer/);
    expect(note.textContent).toContain('Type or paste the full path');
    expect((screen.getByRole('textbox', { name: 'Files and folders to import' }) as HTMLTextAreaElement).value).toBe('');
  });
});

describe('Corpus step: report', () => {
  function withCorpus(extra: Parameters<typeof installFake>[0] = {}) {
    let allowed = false;
    const fake = installFake({
      'corpus.list': () => [summary],
      'corpus.show': () => report(),
      'corpus.findings': () => findings(allowed),
      'corpus.allow': ({ text, type }) => {
        allowed = true;
        return { text, type: type ?? null, updated: 12, restorable: [{ corpus: 3, name: 'contracts', documents: 12, findings: 12 }] };
      },
      ...extra,
    });
    return fake;
  }

  it('reviews findings in context and allow-lists a false positive', async () => {
    const fake = withCorpus();
    selection.chooseCorpus('contracts');
    render(CorpusStep);
    const names = await screen.findByText('Names of people');
    await fireEvent.click(names);
    const item = (await screen.findByText('Licensor', { selector: 'mark' })).closest('li') as HTMLElement;
    expect(item.textContent).toContain('the term Licensor shall mean');
    expect(item.textContent).toContain('Apache-2.0.txt');
    await fireEvent.click(within(item).getByRole('button', { name: 'Not personal: allow “Licensor”' }));
    const notice = await screen.findByText(/is no longer treated as one of the names of people/);
    expect(notice.textContent).toContain('12 findings updated');
    expect(notice.textContent).toContain('put its text back below before training');
    expect(fake.callsOf('corpus.allow')).toEqual([{ text: 'Licensor', type: 'NAME' }]);
    await screen.findByText('(12 allowed)');
    // The report's counts were read again.
    await expect.poll(() => fake.callsOf('corpus.show').length).toBe(2);
    // …without closing the group under review or losing the place: the focus is on the group's heading.
    await new Promise((r) => setTimeout(r, 50));
    expect(screen.queryByText(/Loading findings/)).toBeNull();
    expect((screen.getByText('Names of people').closest('details') as HTMLDetailsElement).open).toBe(true);
    expect(document.activeElement?.id).toBe('findings-NAME');
  });

  it('puts the text of allowed findings back in a redacted corpus, following the job to its end', async () => {
    let restored = false;
    const restoring = job(12, { kind: 'corpus.restore', status: 'queued', params: { corpus: 3 } });
    const fake = withCorpus({
      'corpus.findings': () => findings(true, restored),
      'corpus.restore': () => restoring,
      'jobs.list': () => [],
    });
    await jobs.connect();
    selection.chooseCorpus('contracts');
    render(CorpusStep);
    const region = await screen.findByRole('region', { name: 'Allowed text still redacted' });
    expect(region.textContent?.replace(/\s+/g, ' ')).toContain('12 allowed findings are still replaced by a placeholder in 12 documents');
    await fireEvent.click(within(region).getByRole('button', { name: 'Put the text back' }));
    await expect.poll(() => fake.callsOf('corpus.restore')).toEqual([{ corpus: 'contracts' }]);
    await expect.poll(() => jobs.list.some((j) => j.id === 12)).toBe(true); // followed before it ends
    restored = true;
    fake.emit('job.finished', {
      job_id: 12, kind: 'corpus.restore', status: 'succeeded', result: { corpus: 3, documents: 12, findings: 12 }, error: null, at: '2026-03-01T09:01:00.000Z',
    });
    const notice = await screen.findByText(/was put back in 12 documents/);
    expect(notice.textContent).toContain('The text of 12 allowed findings');
    await expect.poll(() => screen.queryByRole('region', { name: 'Allowed text still redacted' })).toBeNull();
  });

  it('says why the text could not be put back', async () => {
    const fake = withCorpus({
      'corpus.findings': () => findings(true),
      'corpus.restore': () => job(13, { kind: 'corpus.restore', status: 'queued', params: { corpus: 3 } }),
      'jobs.list': () => [],
    });
    await jobs.connect();
    selection.chooseCorpus('contracts');
    render(CorpusStep);
    await fireEvent.click(await screen.findByRole('button', { name: 'Put the text back' }));
    await expect.poll(() => jobs.list.some((j) => j.id === 13)).toBe(true);
    fake.emit('job.finished', {
      job_id: 13, kind: 'corpus.restore', status: 'failed', result: null, at: '2026-03-01T09:01:00.000Z',
      error: { code: 'conflict', message: 'Corpus "contracts" has been trained on (run 4): it stays as that run saw it.' },
    });
    expect((await screen.findByText(/has been trained on \(run 4\)/)).textContent).toContain('stays as that run saw it');
  });

  it('says plainly when an import kept no document', async () => {
    withCorpus({
      'corpus.show': () => report({ documents: { in: 7, kept: 0, train: 0, validation: 0 }, pii: { mode: 'drop', scanned: true, documents_with_findings: 7, dropped: 7 } }),
    });
    selection.chooseCorpus('contracts');
    render(CorpusStep);
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('No document of “contracts” was kept, so there is nothing to train on');
    expect(screen.getByText(/Found in 7 of the 7/)).toBeTruthy();
  });

  it('lists the documents removed and why, a page at a time', async () => {
    const removed = (ordinal: number, patch: Partial<CorpusDocumentDto>): CorpusDocumentDto => ({
      ordinal, source: `/data/contracts/${ordinal}.txt`, record: null, bytes: 900, language: 'en', status: 'duplicate', filter: null, split: null,
      duplicate_of: null, similarity: null, findings: 0, ...patch,
    });
    const fake = withCorpus({
      'corpus.documents': ({ offset }) => ({
        corpus: 3, status: 'removed', total: 51, offset: offset ?? 0,
        documents: (offset ?? 0) === 0
          ? [
            removed(7, { status: 'near_duplicate', similarity: 0.86, duplicate_of: { ordinal: 6, source: '/data/contracts/AFL-2.0.txt', record: null } }),
            removed(9, { status: 'duplicate', duplicate_of: { ordinal: 2, source: '/data/all.csv', record: 12 } }),
            removed(10, { status: 'filtered', filter: 'min_length' }),
            ...Array.from({ length: 47 }, (_, k) => removed(20 + k, { status: 'dropped_pii', findings: 3 })),
          ]
          : [removed(99, { status: 'dropped_pii', findings: 1 })],
      }),
    });
    selection.chooseCorpus('contracts');
    render(CorpusStep);
    const summaryLine = await screen.findByText('Documents removed (138): which, and why');
    (summaryLine.closest('details') as HTMLDetailsElement).open = true;
    await fireEvent(summaryLine.closest('details') as HTMLDetailsElement, new Event('toggle'));
    expect((await screen.findByText('7.txt')).closest('tr')?.textContent).toContain('Near duplicate of AFL-2.0.txt (86% similar)');
    expect(screen.getByText('9.txt').closest('tr')?.textContent).toContain('Same text as all.csv, record 12');
    expect(screen.getByText('10.txt').closest('tr')?.textContent).toContain('Too short');
    expect(fake.callsOf('corpus.documents')).toEqual([{ corpus: 'contracts', status: 'removed', limit: 50, offset: 0 }]);
    await fireEvent.click(screen.getByRole('button', { name: 'Show 1 more of 1' }));
    expect((await screen.findByText('99.txt')).closest('tr')?.textContent).toContain('Left out: 1 piece of personal information');
    expect(fake.callsOf('corpus.documents')[1]).toMatchObject({ offset: 50 });
    expect(screen.queryByRole('button', { name: /more of/ })).toBeNull();
  });

  it('deletes the chosen corpus after the user confirms, then says what went', async () => {
    let gone = false;
    const fake = withCorpus({
      'corpus.list': () => (gone ? [] : [summary]),
      'corpus.delete': () => job(14, { kind: 'corpus.delete', status: 'queued', params: { corpus: 3 } }),
      'jobs.list': () => [],
    });
    await jobs.connect();
    selection.chooseCorpus('contracts');
    render(CorpusStep);
    await fireEvent.click(await screen.findByRole('button', { name: 'Delete this corpus…' }));
    const confirm = screen.getByRole('group', { name: 'Confirm the deletion' });
    expect(confirm.textContent).toContain('Its 528 cleaned documents');
    await fireEvent.click(within(confirm).getByRole('button', { name: 'Keep it' }));
    expect(fake.callsOf('corpus.delete')).toEqual([]);
    await fireEvent.click(screen.getByRole('button', { name: 'Delete this corpus…' }));
    await fireEvent.click(screen.getByRole('button', { name: 'Delete “contracts”' }));
    await expect.poll(() => fake.callsOf('corpus.delete')).toEqual([{ corpus: 'contracts' }]);
    await expect.poll(() => jobs.list.some((j) => j.id === 14)).toBe(true);
    gone = true;
    fake.emit('job.finished', {
      job_id: 14, kind: 'corpus.delete', status: 'succeeded', error: null, at: '2026-03-01T09:02:00.000Z',
      result: { corpus: 3, name: 'contracts', documents: 528, bytes_freed: 3_100_000, runs: [4], kept_as_record: true },
    });
    const notice = await screen.findByText(/“contracts” was deleted: 528 documents/);
    expect(notice.textContent).toContain('The run trained on it keeps its figures (no text) under “contracts (deleted #3)”');
    expect(selection.corpus).toBeNull();
    await expect.poll(() => screen.queryByText('Report for “contracts”')).toBeNull();
  });

  it('measures vocabulary coverage with the chosen base model', async () => {
    const fertility: ModelFertilityResult = {
      model_folder: '/models/legal-bert',
      corpus: 'contracts',
      tokenizer: { kind: 'wordpiece', vocab_size: 30522 },
      documents: 528,
      bytes: 2_768_333,
      words: 423_747,
      tokens: 900_000,
      tokens_per_word: 2.12,
      fragmented: [{ word: 'indemnification', count: 310, pieces: 4, tokens: ['in', '##dem', '##ni', '##fication'] }],
    };
    const fake = withCorpus({ 'model.fertility': () => fertility });
    selection.chooseCorpus('contracts');
    selection.chooseModel('legal-bert');
    render(CorpusStep);
    await screen.findByText('2.12');
    expect(screen.getByText(/Many words of this corpus are split into pieces/)).toBeTruthy();
    const row = screen.getByRole('row', { name: /indemnification/ });
    expect(row.textContent).toContain('310');
    expect(within(row).getByLabelText('4 pieces: in ##dem ##ni ##fication')).toBeTruthy();
    expect(fake.callsOf('model.fertility')).toEqual([{ model: 'legal-bert', corpus: 'contracts' }]);
  });

  it('follows an import already running when the page opens', async () => {
    installFake({
      'corpus.list': () => [summary],
      'corpus.show': () => report(),
      'corpus.findings': () => findings(),
      'jobs.list': (): JobDto[] => [job(9, { kind: 'corpus.import', status: 'running', progress: 0.5, params: { name: 'opinions' } })],
    });
    await jobs.connect();
    render(CorpusStep);
    await screen.findByText(/Importing “opinions”/);
    expect(await screen.findByRole('button', { name: 'Import another corpus' })).toHaveProperty('disabled', true);
  });
});
