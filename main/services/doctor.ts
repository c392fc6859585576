// `doctor.run` / `studio doctor`: what this machine can do — each training backend (and why not, and
// the fix), the ONNX runtime, SQLite, and the workspace's disk and database health. `ok` means "healthy
// enough to work": a training backend loads and the workspace database is usable.
import { availableParallelism, totalmem } from 'node:os';
import { type Api } from '../common/contract';
import { type AppInfo, type DoctorReport } from '../common/dto';
import { setSetting } from '../store/queries/settings';
import { APP_VERSION, SELECTED_BACKEND_SETTING } from './app';
import { type ServicesContext } from './context';

/** Runs every probe. Needs no open database, so it also diagnoses a workspace that cannot be opened. */
export async function runDoctor(workspace: string): Promise<DoctorReport> {
  // Loaded on use: the probes pull in TensorFlow.js, ONNX Runtime and SQLite, which most calls never need.
  const [{ probeTrainingBackends }, { probeOnnxRuntime }, { probeSqlite }, { workspaceHealth }] = await Promise.all([
    import('../../native/tfjs-backend'),
    import('../../native/onnxruntime'),
    import('../../native/sqlite'),
    import('../store/health'),
  ]);
  const [backends, onnxruntime, sqlite, health] = await Promise.all([
    probeTrainingBackends(),
    probeOnnxRuntime(),
    probeSqlite(),
    workspaceHealth(workspace),
  ]);
  const selected = backends.find((b) => b.selected) ?? null;
  return {
    ok: selected !== null && health.database.ok && sqlite.version !== null,
    app_version: APP_VERSION,
    node: process.versions.node,
    electron: process.versions.electron ?? null,
    platform: process.platform,
    arch: process.arch,
    cpus: availableParallelism(),
    memory_bytes: totalmem(),
    selected_backend: selected?.name ?? null,
    backends,
    onnxruntime,
    sqlite,
    workspace: health,
  };
}

export function doctorServices(ctx: ServicesContext & { mode: AppInfo['mode'] }): Pick<Api, 'doctor.run'> {
  return {
    async 'doctor.run'() {
      const report = await runDoctor(ctx.workspace);
      // app.info shows the backend the job process will use; remember it for the next start.
      setSetting(ctx.db, SELECTED_BACKEND_SETTING, report.selected_backend);
      return report;
    },
  };
}
