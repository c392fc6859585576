// Time spent per stage, for the report and the benchmark. The clock is wall time by default; the
// benchmark asks for process CPU time ('cpu'), which on a shared, loaded machine measures the
// pipeline's own cost rather than the other tenants — meaningful per stage only when one thread does
// the work (workers: 0), since the process's CPU time counts every thread.
export type StageClock = 'wall' | 'cpu';

/** Milliseconds on the chosen clock (for differences only). */
export function clockFn(clock: StageClock = 'wall'): () => number {
  if (clock === 'wall') return () => performance.now();
  return () => {
    const u = process.cpuUsage();
    return (u.user + u.system) / 1000;
  };
}

export class Timings {
  private readonly ms = new Map<string, number>();
  readonly now: () => number;
  constructor(clock: StageClock = 'wall') {
    this.now = clockFn(clock);
  }
  add(stage: string, ms: number): void {
    this.ms.set(stage, (this.ms.get(stage) ?? 0) + ms);
  }
  time<T>(stage: string, fn: () => T): T {
    const t = this.now();
    try {
      return fn();
    } finally {
      this.add(stage, this.now() - t);
    }
  }
  async timeAsync<T>(stage: string, fn: () => Promise<T>): Promise<T> {
    const t = this.now();
    try {
      return await fn();
    } finally {
      this.add(stage, this.now() - t);
    }
  }
  toJSON(): Record<string, number> {
    return Object.fromEntries([...this.ms.entries()].map(([k, v]) => [k, Math.round(v)]));
  }
}
