// Wall-clock time spent per stage, for the report and the benchmark.
export class Timings {
  private readonly ms = new Map<string, number>();
  add(stage: string, ms: number): void {
    this.ms.set(stage, (this.ms.get(stage) ?? 0) + ms);
  }
  time<T>(stage: string, fn: () => T): T {
    const t = performance.now();
    try {
      return fn();
    } finally {
      this.add(stage, performance.now() - t);
    }
  }
  toJSON(): Record<string, number> {
    return Object.fromEntries([...this.ms.entries()].map(([k, v]) => [k, Math.round(v)]));
  }
}
