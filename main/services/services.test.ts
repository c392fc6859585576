// The Api implementation over a real workspace (SQLite store, job supervisor, real job processes),
// called the way every transport calls it: through `dispatch`.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Api, type EventFrame } from '../common/contract';
import { type JobFinishedEvent } from '../common/dto';
import { resourcesDir } from '../platform/resources';
import { openWorkspaceDb } from '../store/db';
import { insertCorpus, updateCorpus } from '../store/queries/corpora';
import { openCore, type Core } from './core';
import { dispatch } from './dispatch';

const version = (JSON.parse(readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf8')) as { version: string }).version;

let dir: string;
let core: Core;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'studio-services-'));
  core = openCore({ workspace: dir, mode: 'serve' });
});
afterEach(async () => {
  await core.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('services', () => {
  it('describes the running app', async () => {
    expect(await dispatch(core.services, 'app.info', {})).toEqual({
      ok: true,
      value: { name: 'Domain Studio', version, workspace: dir, mode: 'serve', backend: null, sample_corpora: expect.arrayContaining([expect.objectContaining({ name: 'sample-legal' })]) },
    });
  });

  it('lists what the workspace holds', async () => {
    expect(await dispatch(core.services, 'corpus.list', {})).toEqual({ ok: true, value: [] });
    const corpus = insertCorpus(core.db, { name: 'Discharge summaries' });
    // Still importing: not listed until its import commits.
    expect(await dispatch(core.services, 'corpus.list', {})).toEqual({ ok: true, value: [] });
    updateCorpus(core.db, corpus.id, { status: 'ready' });
    const listed = await dispatch(core.services, 'corpus.list', {});
    expect(listed.ok && (listed.value as Array<{ name: string }>).map((c) => c.name)).toEqual(['Discharge summaries']);
    // Only the bundled base models (resources/models) are registered in a new workspace.
    const models = await dispatch(core.services, 'model.list', {});
    const bundled = join(resourcesDir() ?? '/nowhere', 'models');
    expect(models.ok && (models.value as Array<{ path: string }>).filter((m) => !m.path.startsWith(bundled))).toEqual([]);
    expect(await dispatch(core.services, 'runs.list', {})).toEqual({ ok: true, value: [] });
  });

  it('runs a job in its own process and reports it through events and jobs.get', async () => {
    const frames: EventFrame[] = [];
    core.supervisor.subscribe((frame) => frames.push(frame));
    const started = await dispatch(core.services, 'jobs.start', { kind: 'workspace.check' });
    expect(started).toMatchObject({ ok: true, value: { kind: 'workspace.check', status: 'running' } });
    const id = (started as { value: { id: number } }).value.id;
    const finished: JobFinishedEvent = await core.supervisor.waitFor(id);
    expect(finished.status).toBe('succeeded');
    expect(finished.result).toMatchObject({ integrity: 'ok', digest: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(frames.some((f) => f.event === 'job.finished' && f.payload.job_id === id)).toBe(true);
    expect(await dispatch(core.services, 'jobs.get', { id })).toMatchObject({ ok: true, value: { id, status: 'succeeded' } });
    const list = await dispatch(core.services, 'jobs.list', { limit: 5 });
    expect(list.ok && (list.value as Array<{ id: number }>).map((j) => j.id)).toEqual([id]);
  });

  it('names the bad field of a job\'s parameters, and refuses unknown jobs', async () => {
    expect(await dispatch(core.services, 'jobs.start', { kind: 'workspace.check', params: { deep: true } })).toMatchObject({
      ok: false,
      error: { code: 'invalid_request', field: 'params.deep', message: expect.stringContaining('params.deep') },
    });
    expect(await dispatch(core.services, 'jobs.start', { kind: 'rm -rf' })).toMatchObject({ ok: false, error: { code: 'invalid_request', field: 'kind' } });
    expect(await dispatch(core.services, 'jobs.get', { id: 99 })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(await dispatch(core.services, 'jobs.cancel', { id: 99 })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(await dispatch(core.services, 'jobs.list', { limit: 0 })).toMatchObject({ ok: false, error: { field: 'limit' } });
  });

  it('marks jobs left running by a crashed app as interrupted when the workspace is opened again', async () => {
    await core.close();
    const db = openWorkspaceDb(join(dir, 'studio.db'));
    // A job recorded as running under an app process that no longer exists (pid 2^22+1 is never live here).
    db.sql.prepare("INSERT INTO jobs (kind, status, params, created_at, started_at, supervisor_pid) VALUES ('workspace.check', 'running', '{}', ?, ?, ?)")
      .run(new Date().toISOString(), new Date().toISOString(), 4_194_305);
    db.close();
    core = openCore({ workspace: dir, mode: 'cli' });
    const jobs = await dispatch(core.services, 'jobs.list', {});
    expect(jobs).toMatchObject({ ok: true, value: [{ status: 'interrupted' }] });
  });

  it("clears an import a crash stopped when the workspace is opened again, and not one that is still running", async () => {
    await core.close();
    const db = openWorkspaceDb(join(dir, 'studio.db'));
    const started = (pid: number) =>
      Number(db.sql.prepare("INSERT INTO jobs (kind, status, params, created_at, started_at, supervisor_pid) VALUES ('corpus.import', 'running', '{}', ?, ?, ?)")
        .run(new Date().toISOString(), new Date().toISOString(), pid).lastInsertRowid);
    const crashed = insertCorpus(db, { name: 'Crashed', job_id: started(4_194_305) }); // its app process is gone
    const running = insertCorpus(db, { name: 'Running', job_id: started(process.ppid) }); // another app (a live process), still at work
    for (const c of [crashed, running]) {
      mkdirSync(join(dir, 'corpora', String(c.id)), { recursive: true });
      mkdirSync(join(dir, 'corpora', `.import-${c.id}-${c.job_id}`), { recursive: true });
    }
    db.close();
    core = openCore({ workspace: dir, mode: 'cli' });
    expect(readdirSync(join(dir, 'corpora')).sort()).toEqual([String(running.id), `.import-${running.id}-${running.job_id}`].sort());
    const reopened = openWorkspaceDb(join(dir, 'studio.db'));
    try {
      expect(reopened.sql.prepare('SELECT name FROM corpora').pluck().all()).toEqual(['Running']);
    } finally {
      reopened.close();
    }
  });

  it('runs the doctor and remembers the backend training will use', async () => {
    const outcome = await dispatch(core.services, 'doctor.run', {});
    if (!outcome.ok) throw new Error(outcome.error.message);
    const report = outcome.value as { ok: boolean; selected_backend: string | null; backends: Array<{ available: boolean; reason: string | null; fix: string | null }> };
    for (const backend of report.backends.filter((b) => !b.available)) {
      expect(backend.reason).toBeTruthy();
      expect(backend.fix).toBeTruthy();
    }
    expect(report.selected_backend).not.toBeNull();
    const info = await dispatch(core.services, 'app.info', {});
    expect(info).toMatchObject({ ok: true, value: { backend: report.selected_backend } });
  });
});

describe('dispatch', () => {
  const api = {
    'app.info': async () => {
      throw new TypeError('Cannot read properties of undefined');
    },
  } as unknown as Api;

  it('turns a bug in a service into an internal error value instead of throwing', async () => {
    expect(await dispatch(api, 'app.info', {})).toEqual({ ok: false, error: { code: 'internal', message: 'Cannot read properties of undefined' } });
  });

  it('reports SQLite failures as errors a user can act on, not as internal bugs', async () => {
    const dir2 = mkdtempSync(join(tmpdir(), 'studio-dispatch-'));
    try {
      openWorkspaceDb(join(dir2, 'studio.db')).close();
      const readonly = openWorkspaceDb(join(dir2, 'studio.db'), { readonly: true });
      const writes = { 'app.info': async () => readonly.sql.prepare("INSERT INTO settings (key, value) VALUES ('k', '1')").run() } as unknown as Api;
      const outcome = await dispatch(writes, 'app.info', {});
      readonly.close();
      expect(outcome.ok).toBe(false);
      expect(outcome.ok === false && outcome.error.code).not.toBe('internal');
    } finally {
      rmSync(dir2, { recursive: true, force: true });
    }
  });

  it('refuses unknown and prototype method names before touching the services', async () => {
    for (const name of ['constructor', '__proto__', 'hasOwnProperty', 42, null, 'app.info ']) {
      expect(await dispatch(api, name, {})).toMatchObject({ ok: false, error: { code: 'unknown_method' } });
    }
  });
});
