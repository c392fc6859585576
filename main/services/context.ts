// What every service module receives: the workspace, its writable database, the job runner and how the
// app is being used. The job runner is the slice of the JobSupervisor the services call.
import { type JobKind } from '../common/contract';
import { type AppInfo, type JobDto, type JobFinishedEvent } from '../common/dto';
import { type WritableDb } from '../store/db';

export interface JobRunner {
  start(kind: JobKind, params: Record<string, unknown>): JobDto | Promise<JobDto>;
  cancel(id: number): JobDto | Promise<JobDto>;
  /** Resolves when the job ends (the JobSupervisor has it; a test double may not). */
  waitFor?(id: number): Promise<JobFinishedEvent>;
}

export interface ServicesContext {
  workspace: string;
  db: WritableDb;
  supervisor: JobRunner;
  mode: AppInfo['mode'];
}
