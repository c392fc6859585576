// Legibility of the design tokens: every text/background pair the components use meets WCAG AA
// (4.5:1) and control borders meet 3:1, in the light and the dark scheme alike.
/// <reference types="node" />
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const tokensCss = readFileSync(join(import.meta.dirname, 'tokens.css'), 'utf8');

const tokens = new Map<string, [string, string]>();
for (const [, name, light, dark] of tokensCss.matchAll(/--([\w-]+): light-dark\((#[0-9a-f]{6}), (#[0-9a-f]{6})\)/g)) {
  tokens.set(name as string, [light as string, dark as string]);
}

function luminance(hex: string): number {
  const channel = (i: number) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
}

function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

const TEXT_PAIRS: [string, string][] = [
  ['color-text', 'color-bg'],
  ['color-text', 'color-surface'],
  ['color-text-muted', 'color-bg'],
  ['color-text-muted', 'color-surface'],
  ['color-text-muted', 'color-surface-2'],
  ['color-accent', 'color-surface'],
  ['color-accent', 'color-bg'],
  ['color-accent', 'color-accent-soft'],
  ['color-accent-text', 'color-accent'],
  ['color-success', 'color-success-soft'],
  ['color-warning', 'color-warning-soft'],
  ['color-danger', 'color-danger-soft'],
  ['color-danger', 'color-surface'],
  ['color-text', 'color-danger-soft'],
  ['color-text', 'color-warning-soft'],
];
const BORDER_PAIRS: [string, string][] = [
  ['color-border-strong', 'color-surface'],
  ['color-focus', 'color-surface'],
  ['color-focus', 'color-bg'],
];

describe('design tokens', () => {
  it('define every colour for both schemes', () => {
    expect(tokens.size).toBeGreaterThanOrEqual(18);
  });

  for (const [scheme, index] of [['light', 0], ['dark', 1]] as const) {
    it(`keep text at 4.5:1 and control borders at 3:1 in the ${scheme} scheme`, () => {
      const failing: string[] = [];
      const check = (pairs: [string, string][], minimum: number) => {
        for (const [fg, bg] of pairs) {
          const ratio = contrast(tokens.get(fg)?.[index] ?? '#000000', tokens.get(bg)?.[index] ?? '#000000');
          if (!(ratio >= minimum)) failing.push(`${fg} on ${bg}: ${ratio.toFixed(2)}`);
        }
      };
      check(TEXT_PAIRS, 4.5);
      check(BORDER_PAIRS, 3);
      expect(failing).toEqual([]);
    });
  }
});
