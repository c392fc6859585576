// Small helpers for looking at the text around a candidate match without allocating much.

/** The `n` characters before `index`, lower-cased. */
export function before(text: string, index: number, n: number): string {
  return text.slice(Math.max(0, index - n), index).toLowerCase();
}

/** The `n` characters from `index` on, lower-cased. */
export function after(text: string, index: number, n: number): string {
  return text.slice(index, index + n).toLowerCase();
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
