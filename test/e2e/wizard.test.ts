// End to end through the wizard in Chromium against the real `studio serve`: import the bundled
// sample legal corpus (plus a folder of broken files) from the Corpus step, follow its progress, read
// the report, review findings and allow-list one; see the bundled base models listed in the Base model
// step and register the reference BERT folder beside them, see a pickle-only folder refused in plain words, run "Try it", see vocabulary coverage;
// estimate and start a short LoRA run, watch it to the end with its curves; export it (verified) and
// import the bundle back from the start page. Screenshots land in test-results/e2e/.
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from './browser';
import { ensureRendererBuilt } from './renderer-build';
import { REPO, startServe, type ServeProcess } from './serve-process';

const SHOTS = join(REPO, 'test-results', 'e2e');
const SAMPLE = join(REPO, 'resources', 'corpora', 'sample-legal');
const BERT = join(REPO, 'test', 'fixtures', 'hf-reference', 'bert');

let server: ServeProcess;
let browser: Awaited<ReturnType<typeof launchChromium>>;
let page: Page;
let scratch: string;
let corpusFolder: string;
const problems: string[] = [];

beforeAll(async () => {
  await ensureRendererBuilt();
  mkdirSync(SHOTS, { recursive: true });
  scratch = mkdtempSync(join(tmpdir(), 'studio-e2e-files-'));
  // The bundled sample corpus; if it is missing, a few generated files stand in.
  corpusFolder = SAMPLE;
  if (!existsSync(SAMPLE)) {
    corpusFolder = join(scratch, 'sample');
    mkdirSync(corpusFolder);
    for (let i = 0; i < 12; i++) {
      writeFileSync(
        join(corpusFolder, `memo-${i}.txt`),
        `Memorandum ${i}. The lessee shall indemnify the lessor against every claim arising under clause ${i + 3}. ` +
          `Contact John Carter at john.carter${i}@example.com or 555-010-${String(1000 + i)}. `.repeat(3),
      );
    }
  }
  // Files the import must skip and list, without stopping.
  const broken = join(scratch, 'broken');
  mkdirSync(broken);
  writeFileSync(join(broken, 'empty.txt'), '');
  writeFileSync(join(broken, 'binary.txt'), Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256)));
  // A model folder with only pickle weights.
  const pickle = join(scratch, 'pickle-model');
  mkdirSync(pickle);
  for (const file of ['config.json', 'vocab.txt', 'tokenizer_config.json']) copyFileSync(join(BERT, file), join(pickle, file));
  writeFileSync(join(pickle, 'pytorch_model.bin'), Buffer.alloc(64));
  // Labelled examples for task fine-tuning: letters sorted by type.
  const rows = Array.from({ length: 60 }, (_, i) =>
    i % 2 === 0 ? `The lessee shall pay the rent for month ${i} under this agreement,contract` : `Dear colleague thank you for your note number ${i},letter`,
  );
  writeFileSync(join(scratch, 'letters.csv'), `text,label\n${rows.join('\n')}\n`);

  server = await startServe();
  browser = await launchChromium();
  page = await browser.context.newPage();
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') problems.push(`${message.type()}: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
  await page.goto(server.url);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

async function visit(route: string): Promise<void> {
  await page.evaluate(`window.location.hash = ${JSON.stringify(`#/${route}`)}`);
}

describe('the wizard in Chromium', () => {
  it('imports the sample corpus from the Corpus step and shows its report', async () => {
    await visit('corpus');
    await page.getByRole('heading', { level: 1, name: 'Corpus' }).waitFor();
    await page.getByRole('textbox', { name: 'Files and folders to import' }).fill(`${corpusFolder}\n${join(scratch, 'broken')}`);
    expect(await page.getByRole('textbox', { name: 'Name of the corpus' }).inputValue()).toBe(corpusFolder === SAMPLE ? 'sample-legal' : 'sample');
    await page.getByRole('textbox', { name: 'Name of the corpus' }).fill('Sample legal');
    await page.getByRole('radio', { name: /Keep the text as it is and only report them/ }).check();
    await page.screenshot({ path: join(SHOTS, 'corpus-import-form.png'), fullPage: true });
    await page.getByRole('button', { name: 'Import', exact: true }).click();

    // Live progress while it reads.
    await page.getByRole('progressbar', { name: 'Import of Sample legal' }).waitFor({ timeout: 30_000 });
    // Files, speed and the current file once reading starts (a fast machine may be past it already).
    await page
      .getByText(/^Reading /)
      .first()
      .waitFor({ timeout: 15_000 })
      .catch(() => undefined);
    await page.screenshot({ path: join(SHOTS, 'corpus-import-progress.png'), fullPage: true });

    await page.getByRole('heading', { name: 'Report for “Sample legal”' }).waitFor({ timeout: 180_000 });
    expect(await page.getByRole('radio', { name: 'Use Sample legal' }).isChecked()).toBe(true);
    const totals = (await page.getByText('Documents kept', { exact: true }).locator('..').textContent()) ?? '';
    expect(totals).toMatch(/Documents kept\s*[\d,]+\s*of [\d,]+/);
    // The two broken files are listed with their reason, the rest was read.
    const errors = page.getByRole('heading', { name: 'Files: 2 skipped' });
    await errors.waitFor();
    expect(await page.getByRole('row', { name: /empty\.txt/ }).textContent()).toContain('Empty');
    expect(await page.getByRole('row', { name: /binary\.txt/ }).textContent()).toMatch(/Skipped:\s*Not text/);
    expect(await page.getByRole('row', { name: /Exact duplicates removed/ }).textContent()).toMatch(/\d/);
    await page.screenshot({ path: join(SHOTS, 'corpus-report.png'), fullPage: true });
  });

  it('reviews a finding in context and allow-lists it', async () => {
    const names = page.locator('summary', { hasText: 'Names of people' });
    await names.waitFor();
    const before = Number(((await names.locator('.count').textContent()) ?? '0').replace(/,/g, ''));
    expect(before).toBeGreaterThan(0);
    await names.click();
    const sample = page.locator('details[open] li').first();
    const found = (await sample.locator('mark').textContent()) ?? '';
    expect(found.length).toBeGreaterThan(0);
    await page.screenshot({ path: join(SHOTS, 'corpus-findings.png'), fullPage: true });
    await sample.getByRole('button', { name: `Not personal: allow “${found}”` }).click();
    await page.getByText(`“${found}” is no longer treated as one of the names of people`).waitFor();
    await expect.poll(async () => Number(((await names.locator('.count').textContent()) ?? '0').replace(/,/g, ''))).toBeLessThan(before);
  });

  it('refuses a pickle-only model folder in plain words', async () => {
    await visit('base-model');
    await page.getByRole('heading', { level: 1, name: 'Base model' }).waitFor();
    // A new workspace already lists the bundled base models; a folder of one's own is registered beside them.
    await page.getByRole('radio', { name: 'Use tiny-bert' }).waitFor();
    await page.getByRole('radio', { name: 'Use tiny-gpt' }).waitFor();
    await page.getByRole('button', { name: 'Register another model' }).click();
    await page.getByRole('textbox', { name: 'Model folder' }).fill(join(scratch, 'pickle-model'));
    await page.getByRole('button', { name: 'Check folder' }).click();
    const alert = page.getByRole('alert');
    await alert.waitFor({ timeout: 30_000 });
    expect(await alert.textContent()).toContain('This folder cannot be used');
    expect(await alert.textContent()).toContain('has only pytorch_model.bin: pickle checkpoints are never loaded');
    await page.screenshot({ path: join(SHOTS, 'model-pickle-refused.png'), fullPage: true });
  });

  it('registers the reference BERT folder, tries it, and measures vocabulary coverage', async () => {
    await page.getByRole('textbox', { name: 'Model folder' }).fill(BERT);
    await page.getByRole('button', { name: 'Check folder' }).click();
    const preview = page.getByRole('region', { name: 'What the folder holds' });
    await preview.waitFor({ timeout: 30_000 });
    const summary = (await preview.textContent()) ?? '';
    expect(summary).toContain('bert');
    expect(summary).toContain('69,884');
    expect(summary).toContain('1,500 tokens');
    expect(summary).toContain('wordpiece');
    expect(await page.getByRole('textbox', { name: 'Name in this workspace' }).inputValue()).toBe('bert');
    await page.screenshot({ path: join(SHOTS, 'model-inspect.png'), fullPage: true });
    await page.getByRole('button', { name: 'Register model' }).click();
    await page.getByText('“bert” is registered and chosen for the next steps.').waitFor({ timeout: 30_000 });
    expect(await page.getByRole('radio', { name: 'Use bert' }).isChecked()).toBe(true);
    expect(await page.getByRole('radio', { name: 'Use tiny-bert' }).isChecked()).toBe(false);

    await page.getByRole('textbox', { name: 'Text', exact: true }).fill('the court [MASK] the appeal.');
    await page.getByRole('button', { name: 'Try it' }).click();
    const result = page.getByRole('region', { name: 'What the model suggests' });
    await result.waitFor({ timeout: 60_000 });
    expect(await result.getByRole('listitem').count()).toBe(5);
    expect(await result.textContent()).toMatch(/\d+(\.\d)?%/);

    // The corpus chosen in step 1 is measured with this model's tokenizer.
    await page.getByText('tokens per word').waitFor({ timeout: 60_000 });
    await page.screenshot({ path: join(SHOTS, 'model-try.png'), fullPage: true });

    // The choice survives a reload.
    await page.reload();
    await page.getByRole('heading', { name: 'Try “bert”' }).waitFor();
  });

  it('estimates a LoRA run in the Strategy step and starts it', async () => {
    await visit('strategy');
    await page.getByRole('heading', { level: 1, name: 'Strategy' }).waitFor();
    await page.getByRole('radio', { name: /Continued pre-training with LoRA/ }).check();
    await page.getByRole('spinbutton', { name: 'Training steps' }).fill('6');
    await page.getByText('Advanced settings').click();
    await page.getByRole('spinbutton', { name: 'Batch size (sequences)' }).fill('4');
    // The reference model reads 64 positions: the default 128 is refused in words, beside the figures.
    await page.getByRole('button', { name: 'Estimate time and memory' }).click();
    await page
      .getByRole('main')
      .getByText(/seq_len 128 is longer than base model "bert" can read \(64 positions\)/)
      .waitFor({ timeout: 60_000 });
    await page.getByRole('spinbutton', { name: 'Sequence length (tokens)' }).fill('32');
    await page.getByRole('button', { name: 'Estimate time and memory' }).click();
    const estimate = page.getByRole('region', { name: 'The advisor’s estimate' });
    await estimate.waitFor({ timeout: 120_000 });
    expect(await estimate.textContent()).toMatch(/tokens\/s/);
    await page.screenshot({ path: join(SHOTS, 'strategy-plan.png'), fullPage: true });
    await page.getByRole('button', { name: 'Start training' }).click();
    await page.waitForURL(/#\/train\/\d+$/);
    await page.getByRole('heading', { level: 1, name: 'Train' }).waitFor();
  });

  it('follows the run live in the Train step until it finishes, with its curves', async () => {
    await page.getByRole('progressbar', { name: /Training run \d+/ }).waitFor({ timeout: 60_000 });
    await page.screenshot({ path: join(SHOTS, 'train-running.png'), fullPage: true });
    await page.getByText('Perplexity on your documents', { exact: true }).waitFor({ timeout: 180_000 });
    const outcome = (await page.getByText('Perplexity on your documents', { exact: true }).locator('..').textContent()) ?? '';
    expect(outcome).toMatch(/[\d.]+ → [\d.]+/);
    const loss = page.getByTestId('chart-summary').first();
    expect(await loss.textContent()).toMatch(/^Loss [\d.]+ at step 6/);
    // uPlot drew the curves on a canvas.
    expect(await page.locator('.u-wrap canvas').count()).toBeGreaterThanOrEqual(3);
    await page.screenshot({ path: join(SHOTS, 'train-finished.png'), fullPage: true });
  });

  it('offers to evaluate the finished run in the Evaluate step', async () => {
    await visit('evaluate');
    await page.getByRole('heading', { level: 1, name: 'Evaluate' }).waitFor();
    await page.getByText(/^Run #\d+ has not been evaluated yet\.$/).waitFor();
    expect(await page.getByRole('button', { name: 'Evaluate', exact: true }).isEnabled()).toBe(true);
    await page.screenshot({ path: join(SHOTS, 'evaluate-ready.png'), fullPage: true });
  });

  it('exports the run with verification, and imports the bundle back from the start page', async () => {
    await visit('export');
    await page.getByRole('heading', { level: 1, name: 'Export' }).waitFor();
    await page.getByTestId('fingerprint').waitFor();
    await page.getByRole('checkbox', { name: /Hugging Face folder/ }).check();
    await page.getByRole('checkbox', { name: /LoRA adapter only/ }).check();
    const out = join(scratch, 'exports');
    await page.getByRole('textbox', { name: 'Output folder' }).fill(out);
    await page.getByRole('button', { name: 'Export', exact: true }).click();
    await page.getByText('Written and checked. The files are listed below.').waitFor({ timeout: 180_000 });
    const bundleRow = page.getByRole('row', { name: /Signed bundle/ });
    await bundleRow.waitFor();
    expect(await bundleRow.textContent()).toContain('✓ Verified');
    expect(await page.getByRole('row', { name: /Hugging Face folder/ }).textContent()).toContain('✓ Verified');
    await page.screenshot({ path: join(SHOTS, 'export-done.png'), fullPage: true });
    const bundle = ((await bundleRow.locator('.path').textContent()) ?? '').trim();
    expect(bundle).toMatch(/\.dsbundle$/);

    await visit('corpus');
    await page.getByText('Received a model from a colleague?').click();
    await page.getByRole('textbox', { name: 'Bundle file (.dsbundle)' }).fill(bundle);
    await page.getByRole('button', { name: 'Check bundle' }).click();
    const verdict = page.getByRole('region', { name: 'Bundle check' });
    await verdict.waitFor({ timeout: 60_000 });
    expect(await verdict.textContent()).toContain('Intact and signed.');
    await page.getByRole('textbox', { name: 'Name in this workspace' }).fill('colleague-model');
    await page.getByRole('button', { name: 'Import model' }).click();
    await page.getByText(/“colleague-model” is registered/).waitFor({ timeout: 60_000 });
    await page.screenshot({ path: join(SHOTS, 'bundle-imported.png'), fullPage: true });
  });

  it('shows the chosen model’s vocabulary coverage in the corpus report, and logged no errors', async () => {
    await visit('corpus');
    await page.getByRole('heading', { name: 'Vocabulary coverage' }).waitFor();
    await page.getByText('tokens per word').waitFor({ timeout: 60_000 });
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.screenshot({ path: join(SHOTS, 'corpus-report-dark.png'), fullPage: true });
    await page.emulateMedia({ colorScheme: 'light' });
    expect(problems).toEqual([]);
  });

  it('estimates task fine-tuning of a bundled model on a labelled file, with no corpus needed', async () => {
    await visit('base-model');
    await page.getByRole('radio', { name: 'Use tiny-bert' }).check();
    await visit('strategy');
    await page.getByRole('heading', { level: 1, name: 'Strategy' }).waitFor();
    await page.getByRole('radio', { name: /Task fine-tuning with LoRA/ }).check();
    expect(await page.getByRole('list', { name: 'What this step needs' }).textContent()).not.toContain('A corpus of your documents');
    await page.getByRole('textbox', { name: 'Labelled examples file (CSV or JSONL)' }).fill(join(scratch, 'letters.csv'));
    await page.getByRole('spinbutton', { name: 'Training steps' }).fill('4');
    await page.getByText('Advanced settings').click();
    await page.getByRole('spinbutton', { name: 'Sequence length (tokens)' }).fill('32');
    await page.getByRole('button', { name: 'Estimate time and memory' }).click();
    const estimate = page.getByRole('region', { name: 'The advisor’s estimate' });
    await estimate.waitFor({ timeout: 120_000 });
    expect(await estimate.textContent()).toMatch(/tokens\/s/);
    await page.screenshot({ path: join(SHOTS, 'strategy-lora-task.png'), fullPage: true });
    expect(problems).toEqual([]);
  });
});
