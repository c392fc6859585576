// Small helpers for looking at the text around a candidate match without allocating much.

/** The `n` characters before `index`, lower-cased. */
export function before(text: string, index: number, n: number): string {
  return text.slice(Math.max(0, index - n), index).toLowerCase();
}

/** Runs a global regex over `text`, calling `onMatch` for every match (zero-length matches are skipped over). */
export function eachMatch(re: RegExp, text: string, onMatch: (m: RegExpExecArray) => void): void {
  re.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null) {
    if (m[0].length === 0) {
      re.lastIndex++;
      continue;
    }
    onMatch(m);
  }
}

export function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

export function isWordChar(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
}

/**
 * Runs a global regex only over the parts of `text` near a digit (from `reach` characters before a digit run to
 * `reach` after it, widened to word boundaries): for identifiers that must contain a digit, in text with few digits.
 * Match indices passed to `onMatch` are offsets into the whole text.
 */
export function eachMatchNearDigits(re: RegExp, text: string, reach: number, onMatch: (m: RegExpExecArray) => void): void {
  const digits = /\d+/g;
  let m: RegExpExecArray | null;
  let windowStart = -1;
  let windowEnd = -1;
  const flush = () => {
    if (windowStart < 0) return;
    while (windowStart > 0 && text.charCodeAt(windowStart - 1) > 32) windowStart--;
    while (windowEnd < text.length && text.charCodeAt(windowEnd) > 32) windowEnd++;
    const slice = text.slice(windowStart, windowEnd);
    const offset = windowStart;
    eachMatch(re, slice, (match) => {
      match.index += offset;
      onMatch(match);
    });
  };
  while ((m = digits.exec(text)) !== null) {
    const s = Math.max(0, m.index - reach);
    const e = Math.min(text.length, m.index + m[0].length + reach);
    if (windowStart >= 0 && s <= windowEnd) windowEnd = Math.max(windowEnd, e);
    else {
      flush();
      windowStart = s;
      windowEnd = e;
    }
  }
  flush();
}
