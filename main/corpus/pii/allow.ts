// User allow-lists: findings whose text (case-insensitive, whitespace collapsed) is listed are dropped,
// either for every type ("Lyrica") or for one type ({ type: 'NAME', text: 'Bell' }).
import { type AllowList, type Finding, type PiiType } from './types';

export interface CompiledAllowList {
  readonly any: ReadonlySet<string>;
  readonly byType: ReadonlyMap<PiiType, ReadonlySet<string>>;
}

export function normalizeForAllow(text: string): string {
  return text.trim().replace(/\s+/g, ' ').toLowerCase();
}

const cache = new WeakMap<AllowList, CompiledAllowList>();

export function compileAllowList(list: AllowList): CompiledAllowList {
  const hit = cache.get(list);
  if (hit) return hit;
  const any = new Set<string>();
  const byType = new Map<PiiType, Set<string>>();
  for (const entry of list) {
    if (typeof entry === 'string') any.add(normalizeForAllow(entry));
    else {
      let set = byType.get(entry.type);
      if (!set) byType.set(entry.type, (set = new Set()));
      set.add(normalizeForAllow(entry.text));
    }
  }
  const compiled = { any, byType };
  cache.set(list, compiled);
  return compiled;
}

export function isAllowed(finding: Finding, allow: CompiledAllowList): boolean {
  if (allow.any.size === 0 && allow.byType.size === 0) return false;
  const key = normalizeForAllow(finding.text);
  return allow.any.has(key) || (allow.byType.get(finding.type)?.has(key) ?? false);
}
