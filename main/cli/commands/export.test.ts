// `studio export`, `studio bundle verify|import`, `studio keys` end to end in-process (the export runs as
// a real job process): a sender exports a signed bundle; a colleague verifies it (untrusted: exit 1),
// imports it only after trusting the fingerprint, and a tampered copy is refused with the reason.
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { BundleImportResult, BundleVerifyResult, ExportJobResult, KeysDto } from '../../common/dto';
import { runStudio } from '../testing';

const FIXTURE = join(import.meta.dirname, '../../../test/fixtures/hf-reference/bert');
const root = mkdtempSync(join(tmpdir(), 'studio-export-cli-'));
const sender = join(root, 'sender');
const colleague = join(root, 'colleague');
afterAll(() => rmSync(root, { recursive: true, force: true }));

const studio = runStudio;

describe('studio export / bundle / keys', () => {
  const bundleFile = join(root, 'out', 'ref-bert.dsbundle');

  it('exports a model to hf and a signed bundle, both verified', async () => {
    const folder = join(root, 'bert');
    mkdirSync(folder);
    for (const f of ['config.json', 'model.safetensors', 'vocab.txt', 'tokenizer_config.json', 'special_tokens_map.json']) copyFileSync(join(FIXTURE, f), join(folder, f));
    expect((await studio(sender, 'model', 'import', folder, '--name', 'ref-bert')).code).toBe(0);
    const r = await studio(sender, '--json', 'export', 'ref-bert', '--format', 'hf,bundle', '--out', join(root, 'out'));
    expect(r.code).toBe(0);
    const result = JSON.parse(r.stdout) as ExportJobResult;
    expect(result.exports.map((e) => [e.format, e.verified])).toEqual([['hf', true], ['bundle', true]]);
    expect(result.exports[1]!.path).toBe(bundleFile);
    const list = await studio(sender, 'exports');
    expect(list.stdout).toMatch(/ref-bert\s+bundle\s+2\d\d\.\d KiB\s+yes/);
    expect(list.stdout).toMatch(/ref-bert\s+hf\s+/);
  }, 60_000);

  it('shows the plan without writing anything', async () => {
    const r = await studio(sender, 'export', 'ref-bert', '--plan');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/hf\s+about 28\d\.\d KiB/);
    expect(r.stdout).toMatch(/peft\s+not possible: model "ref-bert" has no LoRA adapter/);
    expect(r.stdout).toMatch(/privacy audit: not audited/);
    const missing = await studio(sender, 'export', 'ref-bert');
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/--format/);
  });

  it('refuses an unknown format and a format the model cannot give, with exit code 1', async () => {
    const bad = await studio(sender, 'export', 'ref-bert', '--format', 'pickle', '--out', join(root, 'x'));
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/"pickle" is not a format/);
    const peft = await studio(sender, 'export', 'ref-bert', '--format', 'peft', '--out', join(root, 'x'));
    expect(peft.code).toBe(1);
    expect(peft.stderr).toMatch(/has no LoRA adapter/);
  }, 60_000);

  it("a colleague sees the signer's fingerprint, untrusted until trusted by fingerprint", async () => {
    const keys = JSON.parse((await studio(sender, '--json', 'keys', 'show')).stdout) as KeysDto;
    const verify = await studio(colleague, '--json', 'bundle', 'verify', bundleFile);
    expect(verify.code).toBe(1);
    expect(JSON.parse(verify.stdout) as BundleVerifyResult).toMatchObject({ ok: true, trusted: false, signer_fingerprint: keys.fingerprint });
    const refused = await studio(colleague, 'bundle', 'import', bundleFile);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(keys.fingerprint);

    // Typed as read over the phone: groups separated by spaces, unquoted.
    expect((await studio(colleague, 'keys', 'trust', ...keys.fingerprint.split(' '), '--label', 'sender')).code).toBe(0);
    const human = await studio(colleague, 'bundle', 'verify', bundleFile);
    expect(human.code).toBe(0);
    expect(human.stdout).toMatch(/TRUSTED/);
    const imported = await studio(colleague, '--json', 'bundle', 'import', bundleFile);
    expect(imported.code).toBe(0);
    const result = JSON.parse(imported.stdout) as BundleImportResult;
    expect(result.model).toMatchObject({ name: 'ref-bert', model_type: 'bert' });
    const list = await studio(colleague, 'model', 'list');
    expect(list.stdout).toMatch(/ref-bert\s+bert/);
  }, 60_000);

  it('refuses a tampered copy with the reason, exit code 1', async () => {
    const bytes = readFileSync(bundleFile);
    // model.safetensors is stored uncompressed: its header is readable in the archive; change one weight byte after it.
    const at = bytes.indexOf(Buffer.from('"dtype":"F32"'));
    expect(at).toBeGreaterThan(0);
    bytes[at + 20_000] = bytes[at + 20_000]! ^ 0xff;
    const tampered = join(root, 'tampered.dsbundle');
    writeFileSync(tampered, bytes);
    const r = await studio(colleague, 'bundle', 'verify', tampered);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/REFUSED: hf\/model\.safetensors was modified after signing/);
  });
});
