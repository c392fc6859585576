// `export.*`, `bundle.*`, `keys.*` through dispatch, as the UI calls them: requests validated with the
// field named, an export started as a job that records its exports, keys shown and trusted.
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BundleVerifyResult, ExportDto, ExportJobResult, JobDto, KeysDto } from '../common/dto';
import { insertModel } from '../store/queries/models';
import { openCore, type Core } from './core';
import { dispatch } from './dispatch';

const FIXTURE = join(import.meta.dirname, '../../test/fixtures/hf-reference/bert');
let dir: string;
let core: Core;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'studio-export-services-'));
  core = openCore({ workspace: join(dir, 'ws'), mode: 'serve' });
  const folder = join(dir, 'bert');
  mkdirSync(folder);
  for (const f of ['config.json', 'model.safetensors', 'vocab.txt', 'tokenizer_config.json', 'special_tokens_map.json']) copyFileSync(join(FIXTURE, f), join(folder, f));
  insertModel(core.db, { name: 'tiny', model_type: 'bert', source: 'imported', path: folder });
});
afterAll(async () => {
  await core.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('export services', () => {
  it('validates export requests, naming the field', async () => {
    const both = await dispatch(core.services, 'export.start', { run: 1, model: 'tiny', formats: ['hf'], out: dir });
    expect(both).toMatchObject({ ok: false, error: { code: 'invalid_request', field: 'run' } });
    const none = await dispatch(core.services, 'export.start', { model: 'tiny', formats: [], out: dir });
    expect(none).toMatchObject({ ok: false, error: { code: 'invalid_request', field: 'formats' } });
    const missing = await dispatch(core.services, 'export.start', { run: 42, formats: ['hf'], out: dir });
    expect(missing).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });

  it('runs an export as a job and lists what it recorded; the bundle verifies through the API', async () => {
    // No output folder: the workspace's exports/<job id>/.
    const started = await dispatch(core.services, 'export.start', { model: 'tiny', formats: ['bundle'] });
    expect(started.ok).toBe(true);
    const job = (started as { value: JobDto }).value;
    const finished = await core.supervisor.waitFor(job.id);
    expect(finished.status).toBe('succeeded');
    const result = finished.result as ExportJobResult;
    expect(result.out).toBe(join(dir, 'ws', 'exports', String(job.id)));
    const list = (await dispatch(core.services, 'export.list', {})) as { ok: true; value: ExportDto[] };
    expect(list.value.map((e) => [e.format, e.path, e.job_id])).toEqual([['bundle', result.exports[0]!.path, job.id]]);
    const verified = (await dispatch(core.services, 'bundle.verify', { file: result.exports[0]!.path })) as { ok: true; value: BundleVerifyResult };
    expect(verified.value).toMatchObject({ ok: true, trusted: true });
  }, 60_000);

  it('shows the signing key, trusts and untrusts a colleague key', async () => {
    const own = (await dispatch(core.services, 'keys.fingerprint', {})) as { ok: true; value: KeysDto };
    expect(own.value.fingerprint).toMatch(/^([0-9a-f]{4} ){15}[0-9a-f]{4}$/);
    const fp = 'ab'.repeat(32);
    const trusted = (await dispatch(core.services, 'keys.trust', { fingerprint: fp, label: 'Dr Jones' })) as { ok: true; value: KeysDto };
    expect(trusted.value.trusted).toEqual([expect.objectContaining({ label: 'Dr Jones', fingerprint: expect.stringMatching(/^abab abab/) })]);
    expect((await dispatch(core.services, 'keys.untrust', { fingerprint: fp })).ok).toBe(true);
    expect(await dispatch(core.services, 'keys.untrust', { fingerprint: fp })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(await dispatch(core.services, 'keys.trust', { fingerprint: 'xyz' })).toMatchObject({ ok: false, error: { code: 'invalid_request', field: 'fingerprint' } });
  });
});
