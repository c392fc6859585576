// Replaces findings with typed placeholders: "Seen by Dr. Okafor on 3/14" → "Seen by Dr. [NAME] on [DATE]".
import { type Finding } from './types';

/** `findings` may be in any order and may overlap (overlaps collapse into the first placeholder). */
export function redact(text: string, findings: readonly Finding[]): string {
  if (findings.length === 0) return text;
  const sorted = [...findings].sort((a, b) => a.start - b.start || b.end - a.end);
  const parts: string[] = [];
  let cursor = 0;
  for (const f of sorted) {
    if (f.end <= cursor) continue;
    const start = Math.max(f.start, cursor);
    if (start > cursor) parts.push(text.slice(cursor, start));
    if (start === f.start || parts[parts.length - 1] !== `[${f.type}]`) parts.push(`[${f.type}]`);
    cursor = f.end;
  }
  parts.push(text.slice(cursor));
  return parts.join('');
}
