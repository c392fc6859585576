// Option values shared by several commands, checked where commander reads them (a bad value is a usage error).
import { InvalidArgumentError } from 'commander';

/** A whole number of at least `min` (0 for counts where none is allowed). */
export function parseCount(min: number) {
  return (value: string): number => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < min) throw new InvalidArgumentError(`must be a whole number ≥ ${min}`);
    return n;
  };
}
