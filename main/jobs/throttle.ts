// Rate limiting for progress: the first value goes out at once, later ones at most once per interval,
// and the latest value is never lost (it goes out when the interval ends, or on flush()).
export interface Throttle<T> {
  push(value: T): void;
  /** Emits the pending value now, if any. */
  flush(): void;
  /** Drops the pending value and stops the timer. */
  cancel(): void;
}

export function createThrottle<T>(intervalMs: number, emit: (value: T) => void, now: () => number = Date.now): Throttle<T> {
  let last = -Infinity;
  let pending: { value: T } | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;

  const fire = () => {
    if (timer) clearTimeout(timer);
    timer = null;
    if (!pending) return;
    const { value } = pending;
    pending = null;
    last = now();
    emit(value);
  };

  return {
    push(value) {
      pending = { value };
      const wait = last + intervalMs - now();
      if (wait <= 0) fire();
      else if (!timer) {
        timer = setTimeout(fire, wait);
        timer.unref?.();
      }
    },
    flush: fire,
    cancel() {
      if (timer) clearTimeout(timer);
      timer = null;
      pending = null;
    },
  };
}
