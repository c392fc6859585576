// Training checkpoints: everything a run needs to continue exactly where it stopped — the trained
// parameters (all weights, or only the adapter under LoRA), the optimizer's moments and step counts, the
// RNG state, the data loader's position and the schedule step — in one folder per step:
//
//   <dir>/step-00000120/trainable.safetensors   parameters by params-map name
//                      /optimizer.safetensors   <name>.exp_avg, <name>.exp_avg_sq
//                      /state.json              step, rng, data position, metric, per-parameter steps, file sizes
//
// A checkpoint is written into a hidden temp folder (each file fsynced) and renamed into place, then the
// parent folder is fsynced: a crash or a full disk leaves either the complete new checkpoint or none, and
// never touches the previous ones. After a save, all but the last `keepLast` and the best are removed.
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { StudioError } from '../../common/errors';
import { fsyncDirSync, writeFileAtomicSync } from '../../platform/atomic';
import { readSafetensors, writeSafetensors } from '../checkpoint/safetensors';
import type { AdamWParamState, AdamWStateData } from './optimizer';
import type { HostTensor } from './params';
import type { RngState } from './rng';

export const CHECKPOINT_FORMAT = 1;
const TRAINABLE_FILE = 'trainable.safetensors';
const OPTIMIZER_FILE = 'optimizer.safetensors';
const STATE_FILE = 'state.json';
const NAME = /^step-(\d{8,})$/;

/** The loop's own state, apart from tensors. */
export interface LoopState {
  /** Optimizer steps completed; the next step is `step` (0-based), so lrAt(step) continues the schedule. */
  readonly step: number;
  readonly rng: RngState;
  /** The data loader's position, as JSON (opaque here). */
  readonly data: unknown;
  /** Validation metric at this step (lower is better), or null when not evaluated. */
  readonly metric: number | null;
  /** Anything else the run wants back on resume (JSON): losses so far, early-stopping counters… */
  readonly extra?: Readonly<Record<string, unknown>>;
}

export interface CheckpointContent {
  readonly trainable: ReadonlyMap<string, HostTensor>;
  readonly optimizer: AdamWStateData;
  readonly state: LoopState;
}

export interface CheckpointInfo {
  readonly step: number;
  readonly path: string;
  readonly metric: number | null;
}

interface StateFile extends LoopState {
  readonly format: number;
  readonly optimizer_steps: Record<string, number>;
  readonly files: Record<string, number>;
  readonly saved_at: string;
}

const folderName = (step: number): string => `step-${String(step).padStart(8, '0')}`;

function diskError(error: unknown, dir: string, latest: CheckpointInfo | null): StudioError {
  const code = (error as NodeJS.ErrnoException).code;
  const kept = latest === null ? 'No earlier checkpoint exists.' : `The last good checkpoint (step ${latest.step}) is intact.`;
  if (code === 'ENOSPC' || code === 'EDQUOT') {
    return new StudioError('bad_input', `The disk is full: could not write a checkpoint in ${dir}. ${kept} Free some space and resume the run.`, { cause: error });
  }
  if (error instanceof StudioError) return error;
  return new StudioError('internal', `Could not write a checkpoint in ${dir}: ${(error as Error).message}. ${kept}`, { cause: error });
}

function readState(path: string): StateFile {
  const file = join(path, STATE_FILE);
  let state: StateFile;
  try {
    state = JSON.parse(readFileSync(file, 'utf8')) as StateFile;
  } catch (error) {
    throw new StudioError('bad_input', `Checkpoint ${path} is damaged: ${STATE_FILE} cannot be read (${(error as Error).message})`, { cause: error });
  }
  if (state.format !== CHECKPOINT_FORMAT) {
    throw new StudioError('unsupported', `Checkpoint ${path} has format ${String(state.format)}; this version reads format ${CHECKPOINT_FORMAT}`);
  }
  if (!Number.isInteger(state.step) || state.step < 0 || typeof state.files !== 'object' || state.files === null) {
    throw new StudioError('bad_input', `Checkpoint ${path} is damaged: ${STATE_FILE} lacks its step or file list`);
  }
  return state;
}

/** Complete checkpoints in `dir`, oldest first. Temp folders of interrupted saves are ignored. */
export function listCheckpoints(dir: string): CheckpointInfo[] {
  if (!existsSync(dir)) return [];
  const out: CheckpointInfo[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const match = NAME.exec(entry.name);
    if (!entry.isDirectory() || match === null) continue;
    const path = join(dir, entry.name);
    try {
      const state = readState(path);
      out.push({ step: state.step, path, metric: typeof state.metric === 'number' ? state.metric : null });
    } catch {
      // A folder without a readable state.json is not a checkpoint (cannot happen through saveCheckpoint).
    }
  }
  return out.sort((a, b) => a.step - b.step);
}

export function latestCheckpoint(dir: string): CheckpointInfo | null {
  return listCheckpoints(dir).at(-1) ?? null;
}

/** The checkpoint with the lowest metric (the latest among equals), or null when none has one. */
export function bestCheckpoint(dir: string): CheckpointInfo | null {
  let best: CheckpointInfo | null = null;
  for (const c of listCheckpoints(dir)) if (c.metric !== null && (best === null || best.metric === null || c.metric <= best.metric)) best = c;
  return best;
}

function removeStaleTemps(dir: string): void {
  for (const entry of readdirSync(dir)) {
    if (/^\.step-\d+\.(tmp|old)-/.test(entry)) rmSync(join(dir, entry), { recursive: true, force: true });
  }
}

/** Removes every checkpoint except the last `keepLast` and the best. */
export function pruneCheckpoints(dir: string, keepLast: number): void {
  const all = listCheckpoints(dir);
  const keep = new Set(all.slice(Math.max(0, all.length - keepLast)).map((c) => c.path));
  const best = bestCheckpoint(dir);
  if (best !== null) keep.add(best.path);
  for (const c of all) if (!keep.has(c.path)) rmSync(c.path, { recursive: true, force: true });
}

/**
 * Writes a checkpoint atomically and prunes old ones (keepLast ≥ 1). Returns where it went.
 * On failure (a full disk included) nothing of it remains and earlier checkpoints are untouched.
 */
export async function saveCheckpoint(dir: string, content: CheckpointContent, options: { keepLast: number }): Promise<CheckpointInfo> {
  if (!(Number.isInteger(options.keepLast) && options.keepLast >= 1)) throw new RangeError(`keepLast must be a whole number ≥ 1, got ${options.keepLast}`);
  const { state } = content;
  if (!Number.isInteger(state.step) || state.step < 0) throw new RangeError(`checkpoint step must be a whole number ≥ 0, got ${state.step}`);
  mkdirSync(dir, { recursive: true });
  removeStaleTemps(dir);
  const latest = latestCheckpoint(dir);
  const name = folderName(state.step);
  const temp = join(dir, `.${name}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`);
  const final = join(dir, name);
  try {
    mkdirSync(temp);
    await writeSafetensors(join(temp, TRAINABLE_FILE), content.trainable);
    const moments = new Map<string, HostTensor>();
    const optimizerSteps: Record<string, number> = {};
    for (const [param, s] of content.optimizer.params) {
      moments.set(`${param}.exp_avg`, { shape: s.shape, data: s.expAvg });
      moments.set(`${param}.exp_avg_sq`, { shape: s.shape, data: s.expAvgSq });
      optimizerSteps[param] = s.step;
    }
    await writeSafetensors(join(temp, OPTIMIZER_FILE), moments);
    const files = Object.fromEntries([TRAINABLE_FILE, OPTIMIZER_FILE].map((f) => [f, statSync(join(temp, f)).size]));
    const stateFile: StateFile = {
      format: CHECKPOINT_FORMAT,
      step: state.step,
      rng: state.rng,
      data: state.data,
      metric: state.metric,
      ...(state.extra === undefined ? {} : { extra: state.extra }),
      optimizer_steps: optimizerSteps,
      files,
      saved_at: new Date().toISOString(),
    };
    writeFileAtomicSync(join(temp, STATE_FILE), `${JSON.stringify(stateFile)}\n`);
    fsyncDirSync(temp);
    if (existsSync(final)) {
      // Saving the same step again (after a resume): move the old one aside, then swap.
      const old = join(dir, `.${name}.old-${process.pid}-${randomBytes(4).toString('hex')}`);
      renameSync(final, old);
      renameSync(temp, final);
      rmSync(old, { recursive: true, force: true });
    } else {
      renameSync(temp, final);
    }
    fsyncDirSync(dir);
  } catch (error) {
    rmSync(temp, { recursive: true, force: true });
    throw diskError(error, dir, latest);
  }
  pruneCheckpoints(dir, options.keepLast);
  return { step: state.step, path: final, metric: state.metric };
}

/** Reads a checkpoint folder back, checking that its files are complete. */
export async function loadCheckpoint(path: string): Promise<CheckpointContent> {
  const state = readState(path);
  for (const [file, size] of Object.entries(state.files)) {
    const full = join(path, file);
    const actual = existsSync(full) ? statSync(full).size : -1;
    if (actual !== size) throw new StudioError('bad_input', `Checkpoint ${path} is damaged: ${file} has ${actual < 0 ? 'gone missing' : `${actual} bytes, expected ${size}`}`);
  }
  const trainable = new Map<string, HostTensor>();
  for (const [name, t] of await readSafetensors(join(path, TRAINABLE_FILE))) trainable.set(name, { shape: t.shape, data: t.data });
  const moments = await readSafetensors(join(path, OPTIMIZER_FILE));
  const params = new Map<string, AdamWParamState>();
  for (const [param, step] of Object.entries(state.optimizer_steps)) {
    const m = moments.get(`${param}.exp_avg`);
    const v = moments.get(`${param}.exp_avg_sq`);
    if (m === undefined || v === undefined) throw new StudioError('bad_input', `Checkpoint ${path} is damaged: optimizer state for "${param}" is missing`);
    params.set(param, { step, shape: m.shape, expAvg: m.data, expAvgSq: v.data });
  }
  const loop: LoopState = {
    step: state.step,
    rng: state.rng,
    data: state.data,
    metric: typeof state.metric === 'number' ? state.metric : null,
    ...(state.extra === undefined ? {} : { extra: state.extra }),
  };
  return { trainable, optimizer: { params }, state: loop };
}
