// Learning-rate schedule: linear warmup, then cosine or linear decay down to a floor. A pure function of
// the optimizer step, so a resumed run needs only the step number to continue the exact same curve.
//
//   lr
//   peak ┤    ╭──╮_
//        │   ╱     ‾‾╲_
//        │  ╱          ‾╲_
//  floor ┤ ╱              ‾‾‾‾‾‾‾‾
//        └─┴──────────────┴────── step
//          warmupSteps    totalSteps

export type DecayKind = 'cosine' | 'linear' | 'constant';

export interface ScheduleConfig {
  /** Learning rate at the end of warmup. */
  readonly peakLr: number;
  /** Steps of linear warmup from peakLr / warmupSteps up to peakLr (0 = none). */
  readonly warmupSteps: number;
  /** Step at which decay reaches the floor; later steps stay at the floor. */
  readonly totalSteps: number;
  /** Shape after warmup. */
  readonly decay: DecayKind;
  /** The floor as a fraction of peakLr (0.1 = decay to 10% of the peak). Ignored by 'constant'. */
  readonly minLrRatio: number;
}

/** Checks a schedule before a run starts; returns the list of problems (empty when valid). */
export function scheduleProblems(cfg: ScheduleConfig): string[] {
  const problems: string[] = [];
  if (!(Number.isFinite(cfg.peakLr) && cfg.peakLr > 0)) problems.push(`peak learning rate must be a positive number, got ${cfg.peakLr}`);
  if (!(Number.isInteger(cfg.warmupSteps) && cfg.warmupSteps >= 0)) problems.push(`warmup steps must be a whole number ≥ 0, got ${cfg.warmupSteps}`);
  if (!(Number.isInteger(cfg.totalSteps) && cfg.totalSteps >= 1)) problems.push(`total steps must be a whole number ≥ 1, got ${cfg.totalSteps}`);
  if (!(Number.isFinite(cfg.minLrRatio) && cfg.minLrRatio >= 0 && cfg.minLrRatio <= 1)) problems.push(`minimum learning-rate ratio must be within [0, 1], got ${cfg.minLrRatio}`);
  if (cfg.warmupSteps > cfg.totalSteps) problems.push(`warmup steps (${cfg.warmupSteps}) exceed total steps (${cfg.totalSteps})`);
  return problems;
}

/**
 * Learning rate for optimizer step `step` (0-based: the first update uses lrAt(0)).
 * Warmup: peak · (step + 1) / warmupSteps, so the first step already moves and step warmupSteps − 1 hits the peak.
 * Decay: progress p = (step − warmupSteps + 1) / (totalSteps − warmupSteps) in [0, 1];
 * cosine: floor + (peak − floor) · ½(1 + cos πp); linear: floor + (peak − floor)(1 − p).
 */
export function lrAt(step: number, cfg: ScheduleConfig): number {
  if (!Number.isInteger(step) || step < 0) throw new RangeError(`step must be a whole number ≥ 0, got ${step}`);
  const peak = cfg.peakLr;
  if (step < cfg.warmupSteps) return (peak * (step + 1)) / cfg.warmupSteps;
  if (cfg.decay === 'constant') return peak;
  const floor = peak * cfg.minLrRatio;
  const span = cfg.totalSteps - cfg.warmupSteps;
  if (span <= 0) return floor;
  const progress = Math.min(1, Math.max(0, (step - cfg.warmupSteps + 1) / span));
  const shape = cfg.decay === 'cosine' ? 0.5 * (1 + Math.cos(Math.PI * progress)) : 1 - progress;
  return floor + (peak - floor) * shape;
}
